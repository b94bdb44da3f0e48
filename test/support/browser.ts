import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, which CI installs; the browser tests skip without it. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here. */
export const hasChromium = existsSync(CHROMIUM);

/** Says once, in one line, why a browser test file is skipped. */
export function explainSkip(file: string): void {
  if (!hasChromium)
    console.log(`${file}: skipped, ${CHROMIUM} is missing (apt-get install chromium)`);
}

/** A headless Chromium that phones nowhere on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Every request of the page that leaves loopback; `data:` and `blob:` never leave the page. */
export function recordForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOOPBACK.has(url.hostname)) foreign.push(request.url());
  });
  return foreign;
}

/** Numbered screenshots of a test's steps, in a fresh test-results/screenshots/<name>/. */
export async function screenshotFolder(name: string) {
  const folder = resolve('test-results', 'screenshots', name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  let step = 0;
  return {
    folder,
    async shoot(page: Page, label: string): Promise<void> {
      step += 1;
      const file = `${String(step).padStart(2, '0')}-${label}.png`;
      await page.screenshot({ path: join(folder, file), fullPage: true });
    },
  };
}
