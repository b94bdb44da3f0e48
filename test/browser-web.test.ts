import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  explainSkip,
  hasChromium,
  launchChromium,
  recordForeignRequests,
  screenshotFolder,
} from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const MEMBER = 'ada@example.com';
const TOPIC = 'Quarterly planning';

explainSkip('browser-web.test.ts');

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).textContent())?.trim();

describe.skipIf(!hasChromium)('the example page in Chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    // No MEMBER_JWT_SECRET, as with `npm start`: the demo sign-in exists only then.
    [stack, browser] = await Promise.all([
      startStack({ env: { MEMBER_JWT_SECRET: '' } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in, connects Zoom at the consent page, creates and deletes a meeting', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    const foreign = recordForeignRequests(page);
    const shots = await screenshotFolder('browser-web');
    console.log(`example page screenshots: ${shots.folder}`);

    const opened = await page.goto(`${stack.url}/`);
    expect(opened?.headers()['content-security-policy']).toContain("script-src 'self';");
    await page.getByLabel('Member email').waitFor();
    await shots.shoot(page, 'sign-in');
    await page.getByLabel('Member email').fill(MEMBER);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${MEMBER}`).waitFor();
    expect(await text(page, '#zoom-status')).toBe('Zoom is not connected yet.');
    await shots.shoot(page, 'signed-in');

    await page.getByLabel('Topic').fill(TOPIC);
    await page.getByLabel('Starts').fill('2031-05-06T09:30');
    await page.getByLabel('Minutes').fill('45');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await page.locator('#problem:visible').waitFor();
    expect(await text(page, '#problem')).toBe(
      'Connect your Zoom account first: press “Connect Zoom”.',
    );
    await shots.shoot(page, 'not-connected');

    await page.getByRole('button', { name: 'Connect Zoom' }).click();
    await page.waitForURL(`${stack.sandbox.url}/oauth/authorize?**`);
    await page.getByLabel(/Sign in as/).fill('ada.zoom@example.org');
    await shots.shoot(page, 'consent');
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${stack.url}/`);
    await page.getByText('Your Zoom account is connected.').waitFor();
    await page.getByText('Zoom connected', { exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByLabel('Topic').inputValue()).toBe(TOPIC);
    expect(await page.getByLabel('Starts').inputValue()).toBe('2031-05-06T09:30');
    expect(await page.getByLabel('Minutes').inputValue()).toBe('45');
    expect(await text(page, '#meeting-list')).toBe('No upcoming meetings.');
    await shots.shoot(page, 'connected');

    await page.getByRole('button', { name: 'Create meeting' }).click();
    const item = page.locator('#meeting-list li.meeting');
    await item.waitFor();
    expect(await text(page, '#notice')).toBe(`Created “${TOPIC}”.`);
    expect(await item.locator('strong').textContent()).toBe(TOPIC);
    const id = await item.getAttribute('data-meeting-id');
    expect(id).toMatch(/^\d{11}$/);
    expect(await item.locator('.details').textContent()).toContain(`· 45 min · ID ${id}`);
    expect(await item.getByRole('link', { name: 'Join link' }).getAttribute('href')).toMatch(
      new RegExp(`/j/${id}`),
    );
    expect(await text(page, '#meeting-count')).toBe('(1)');
    await shots.shoot(page, 'created');

    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No upcoming meetings.').waitFor();
    expect(await text(page, '#notice')).toBe(`Deleted “${TOPIC}”.`);
    expect(await text(page, '#meeting-count')).toBe('(0)');
    await shots.shoot(page, 'deleted');

    expect((await stack.stats()).meetings).toBe(0);
    expect(foreign).toEqual([]);
  }, 60_000);
});
