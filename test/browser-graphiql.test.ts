import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  explainSkip,
  hasChromium,
  launchChromium,
  recordForeignRequests,
  screenshotFolder,
} from './support/browser.js';
import { type Stack, startStack } from './support/stack.js';

const MEMBER = 'hopper@example.com';

explainSkip('browser-graphiql.test.ts');

/** The text of a Monaco editor as shown, with its no-break spaces made plain. */
async function editorText(editor: Locator): Promise<string> {
  const text = await editor.locator('.view-lines').first().textContent();
  return (text ?? '').replaceAll('\u00a0', ' ');
}

/** Replaces an editor's text by pasting, as typing would trip Monaco's auto-closing brackets. */
async function replaceText(page: Page, editor: Locator, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(editor)).toBe(text);
}

describe.skipIf(!hasChromium)('GraphiQL in Chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('runs { viewer { email } } with a member token header and shows the answer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    const page = await context.newPage();
    const foreign = recordForeignRequests(page);
    const shots = await screenshotFolder('browser-graphiql');
    console.log(`GraphiQL screenshots: ${shots.folder}`);
    const token = await stack.memberToken(MEMBER);

    const answer = await page.goto(`${stack.url}/graphql`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self';");
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await queryEditor.waitFor();
    await expect.poll(() => editorText(queryEditor)).toContain('query Viewer {');
    await shots.shoot(page, 'opened');

    await replaceText(page, queryEditor, '{ viewer { email } }');
    await page.getByRole('button', { name: 'Headers' }).click();
    const headersEditor = page.locator('.graphiql-editor-tool .monaco-editor:visible');
    await replaceText(page, headersEditor, JSON.stringify({ Authorization: `Bearer ${token}` }));
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();

    const result = page.locator('.graphiql-response .monaco-editor');
    await expect.poll(() => editorText(result), { timeout: 10_000 }).toContain(MEMBER);
    expect(JSON.parse(await editorText(result))).toEqual({ data: { viewer: { email: MEMBER } } });
    expect(await editorText(queryEditor)).toBe('{ viewer { email } }');
    await shots.shoot(page, 'answered');

    expect(foreign).toEqual([]);
  }, 60_000);
});
