import { afterAll, beforeAll } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ScreenRecorder, watchConsole } from './capture';
import type { TestAppOptions } from '../../support/app';
import { type BrowserWorld, startWorld } from './world';

/** A describe block's world in the browser; world, page and problems are set by its beforeAll. */
export interface BrowserSession {
  world: BrowserWorld;
  page: Page;
  /** What went wrong in the page so far (see watchConsole). */
  problems: () => string[];
  screens: ScreenRecorder;
  /** Opens a screen of the app by its hash route, e.g. '#/konten'. */
  goto: (hash: string) => Promise<unknown>;
  logOut: () => Promise<void>;
}

/**
 * Starts a world before the describe block's tests, watching the page's console and recording
 * its screens under `screensName`; writes the screen report and closes the world after them.
 * `appOptions` is read when the world starts, after the describe block's earlier beforeAll.
 */
export function useBrowserSession(
  screensName: string,
  appOptions: () => TestAppOptions = () => ({}),
): BrowserSession {
  const session = { screens: new ScreenRecorder(screensName) } as BrowserSession;
  beforeAll(async () => {
    session.world = await startWorld(appOptions());
    session.page = session.world.page;
    session.problems = watchConsole(session.page);
  }, 120_000);
  afterAll(async () => {
    session.screens.writeReport();
    await session.world?.close();
  });
  session.goto = (hash) => session.page.goto(`${session.world.baseUrl}/${hash}`);
  session.logOut = async () => {
    await session.page.getByRole('button', { name: /^(Keluar|Log out)$/ }).click();
    await session.page.getByRole('heading', { name: /Masuk ke Karya|Log in to Karya/ }).waitFor();
  };
  return session;
}
