import { describe, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (installed with apt-get in CI); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 360, height: 780 };

/**
 * describe() for browser tests. Without chromium: in CI (CI set) the suite fails with a
 * message saying what is missing; elsewhere it is skipped and says so.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumAvailable) {
    describe(name, body);
    return;
  }
  const missing = `Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium package (or set CHROMIUM_PATH)`;
  if (process.env.CI) {
    describe(name, () => {
      it('needs chromium', () => {
        throw new Error(`${missing}: browser tests must run in CI`);
      });
    });
    return;
  }
  console.warn(`Browser tests skipped (${name}): ${missing}.`);
  describe.skip(name, body);
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** A fresh profile per run, so no cookie or storage leaks between runs. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'karya-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
