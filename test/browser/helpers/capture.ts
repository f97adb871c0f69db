import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, MOBILE } from './browser';

export const SCREENSHOT_DIR = resolve('test', 'browser', '__screenshots__');
const AXE_SOURCE = readFileSync(resolve('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

function describeViolations(screen: string, width: number, violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${screen} at ${width}px)\n${nodes}`;
    })
    .join('\n');
}

/**
 * Waits until skeletons and loading notes are gone and fonts are in. Callbacks run in the
 * page; the tests' TypeScript has no DOM types, so they reach the page through globalThis.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const { document } = globalThis as any;
      return (
        document.querySelectorAll('.skeleton, .boot').length === 0 &&
        [...document.querySelectorAll('.loading-note')].every((n: any) => n.textContent === '')
      );
    },
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(() => (globalThis as any).document.fonts.ready.then(() => undefined));
}

/**
 * Runs axe on every screen a test visits and writes its screenshots. The page keeps the real
 * CSP, so axe is evaluated through the browser protocol rather than a <script> tag.
 */
export class ScreenRecorder {
  private readonly report: string[] = [];
  private count = 0;

  /** Starts from a clean slate for this prefix, so old numbering never lingers. */
  constructor(private readonly prefix: string) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const file of readdirSync(SCREENSHOT_DIR)) {
      if (file.startsWith(`${prefix}-`)) rmSync(join(SCREENSHOT_DIR, file));
    }
  }

  async capture(page: Page, name: string): Promise<void> {
    this.count += 1;
    const file = `${this.prefix}-${String(this.count).padStart(2, '0')}-${name}`;
    const serious: string[] = [];
    for (const viewport of [DESKTOP, MOBILE]) {
      await page.setViewportSize(viewport);
      await settle(page);
      const violations = await this.axe(page);
      const label = viewport === DESKTOP ? 'desktop' : 'mobile';
      if (violations.length > 0)
        this.report.push(describeViolations(name, viewport.width, violations));
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (blocking.length > 0) serious.push(describeViolations(name, viewport.width, blocking));
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${file}.${label}.png`), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
    if (serious.length > 0) {
      throw new Error(`axe found serious or critical violations:\n${serious.join('\n')}`);
    }
  }

  /** Every violation of any impact, for later work; only serious/critical fail the test. */
  writeReport(): void {
    const body = this.report.length ? this.report.join('\n') : 'No axe violations.';
    writeFileSync(join(SCREENSHOT_DIR, `${this.prefix}-axe-report.txt`), `${body}\n`);
  }

  private async axe(page: Page): Promise<AxeViolation[]> {
    const loaded = await page.evaluate(() => 'axe' in globalThis);
    if (!loaded) await page.evaluate(AXE_SOURCE);
    return page.evaluate(async () => {
      const { axe, document } = globalThis as any;
      const result = await axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        resultTypes: ['violations'],
      });
      return result.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    });
  }
}

/**
 * Collects what must never happen in the UI: uncaught errors, CSP refusals and missing
 * translations. Failed HTTP responses the tests provoke on purpose are not errors here.
 */
export function watchConsole(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/missing i18n key|Content Security Policy|Refused to/i.test(text)) problems.push(text);
  });
  return () => [...problems];
}
