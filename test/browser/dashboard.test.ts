/**
 * The management dashboard and notifications in a real browser, on the demo's metrics history:
 * key figures, the Chart.js charts, ranking, best-times heatmap and reliability; an empty month
 * says what to do; the language switch redraws the charts in English; the national roll-up;
 * the notification bell and list. Every screen passes axe at desktop and 360 px.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/factories';
import { DESKTOP, describeInBrowser, MOBILE } from './helpers/browser';
import { ScreenRecorder, watchConsole } from './helpers/capture';
import {
  failedPost,
  latestHistoryMonth,
  notifyFailure,
  seedMetricsHistory,
} from './helpers/dashboard-data';
import { type BrowserWorld, logIn, startWorld } from './helpers/world';

const LONG = 120_000;
const FAILED_TITLE = 'Promosi kain batik parang';

/** The first dataset labels of every chart on the page, read from Chart.js itself. */
async function chartLabels(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const { document, Chart } = globalThis as any;
    return [...document.querySelectorAll('canvas[role="img"]')].map((canvas: any) => {
      const chart = Chart?.getChart(canvas);
      return chart ? chart.data.datasets.map((d: any) => d.label) : [];
    });
  });
}

/** Elements wider than a 360 px screen (the page must not scroll sideways there). */
async function overflowAtMobile(page: Page): Promise<string[]> {
  await page.setViewportSize(MOBILE);
  const wide = await page.evaluate(async (width) => {
    const { document, requestAnimationFrame } = globalThis as any;
    // Charts resize on the next frames after the viewport changes.
    for (let i = 0; i < 3; i++) await new Promise((done) => requestAnimationFrame(done));
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return [];
    // Where the overflow starts: wider than the screen, inside a parent that is not.
    const starts = [...document.querySelectorAll('body *')].filter(
      (e: any) =>
        e.getBoundingClientRect().right > width + 1 &&
        e.parentElement.getBoundingClientRect().right <= width + 1,
    );
    return [
      `page is ${scrollWidth}px wide`,
      ...starts.slice(0, 8).map((e: any) => `${e.tagName.toLowerCase()}.${e.className}`),
    ];
  }, MOBILE.width);
  await page.setViewportSize(DESKTOP);
  return wide;
}

describeInBrowser('web UI: dashboard and notifications', () => {
  let world: BrowserWorld;
  let page: Page;
  let problems: () => string[];
  let failedPostId: string;
  const month = latestHistoryMonth();
  const screens = new ScreenRecorder('dashboard');

  beforeAll(async () => {
    world = await startWorld();
    page = world.page;
    problems = watchConsole(page);
    await seedMetricsHistory(world);
    failedPostId = await failedPost(world, FAILED_TITLE);
    await notifyFailure(world, failedPostId, FAILED_TITLE);
    await notifyFailure(world, failedPostId, `${FAILED_TITLE} (2)`);
  }, 120_000);

  afterAll(async () => {
    screens.writeReport();
    await world?.close();
  });

  const goto = (hash: string) => page.goto(`${world.baseUrl}/${hash}`);
  const logOut = async () => {
    await page.getByRole('button', { name: /^(Keluar|Log out)$/ }).click();
    await page.getByRole('heading', { name: /Masuk ke Karya|Log in to Karya/ }).waitFor();
  };

  it(
    "shows the manager the month's figures, charts, ranking, heatmap and reliability",
    async () => {
      await page.goto(world.baseUrl);
      await logIn(page, world.users.manager.email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Dasbor' }).click();
      await goto(`#/dasbor?month=${month}`);
      await page.getByRole('heading', { name: 'Dasbor', level: 1 }).waitFor();

      const posts = page.locator('.kpi').filter({ hasText: 'Postingan tayang' });
      await posts.locator('.kpi-value').filter({ hasText: /\d/ }).waitFor();
      expect(Number(await posts.locator('.kpi-value').textContent())).toBeGreaterThan(0);
      await page.getByRole('img', { name: /Grafik harian/ }).waitFor();
      await page.waitForFunction(() =>
        (globalThis as any).Chart?.getChart((globalThis as any).document.querySelector('canvas')),
      );
      expect(await chartLabels(page)).toEqual([
        ['Jangkauan', 'Interaksi', 'Postingan'],
        ['Bulan ini', 'Bulan lalu'],
      ]);
      await page.getByRole('table', { name: 'Produk: paling diminati' }).waitFor();
      expect(
        await page.getByRole('table', { name: 'Produk: paling diminati' }).textContent(),
      ).toMatch(/Kain Batik Tulis Parang|Kaos Sablon Hari Bakti/);
      const heatmap = page.getByRole('table', { name: 'Tingkat interaksi per hari dan jam' });
      expect(await heatmap.locator('tbody tr').count()).toBe(7);
      expect(await heatmap.locator('td[class^="heat-"]:not(.heat-none)').count()).toBeGreaterThan(
        0,
      );
      const reliability = page.getByRole('region', { name: 'Keandalan publikasi' });
      expect(await reliability.textContent()).toContain('IG_9004');
      const catalogue = page.getByRole('link', { name: 'Buka katalog publik' });
      expect(await catalogue.getAttribute('href')).toBe(`/katalog/${world.institution.slug}`);
      await page.getByRole('heading', { name: 'Unduhan laporan' }).waitFor();
      await page.getByRole('button', { name: /^Buat laporan / }).click();
      await page.getByText(/^Laporan .* siap diunduh\.$/).waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh CSV' }).first().click(),
      ]);
      expect(download.suggestedFilename()).toBe(`karya-${month}.csv`);
      await screens.capture(page, 'dashboard');
      expect(await overflowAtMobile(page)).toEqual([]);
    },
    LONG,
  );

  it(
    'says what to do for a month without posts, and switches language',
    async () => {
      await page.getByLabel('Bulan', { exact: true }).fill('2025-01');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await page.getByText('Belum ada data untuk Januari 2025').waitFor();
      await page.getByRole('link', { name: 'Ke kalender' }).waitFor();
      await screens.capture(page, 'dashboard-empty');

      await goto(`#/dasbor?month=${month}`);
      await page.getByRole('img', { name: /Grafik harian/ }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.getByText('Posts published').waitFor();
      await page.getByRole('img', { name: /Chart of daily posts/ }).waitFor();
      await page.waitForFunction(
        () =>
          (globalThis as any).Chart?.getChart((globalThis as any).document.querySelector('canvas'))
            ?.data.datasets[0].label === 'Reach',
      );
      expect(await chartLabels(page)).toEqual([
        ['Reach', 'Interactions', 'Posts'],
        ['This month', 'Last month'],
      ]);
      await screens.capture(page, 'dashboard-english');
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await page.getByRole('heading', { name: 'Dasbor', level: 1 }).waitFor();
      await logOut();
    },
    LONG,
  );

  it(
    'shows national roles every institution together',
    async () => {
      await logIn(page, world.users.nationalAdmin.email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await goto(`#/dasbor?month=${month}`);
      await page.getByRole('heading', { name: 'Dasbor nasional', level: 1 }).waitFor();
      const posts = page.locator('.kpi').filter({ hasText: 'Postingan tayang' });
      await posts.locator('.kpi-value').filter({ hasText: /\d/ }).waitFor();
      // No bell without an institution: notifications belong to one.
      expect(await page.getByRole('link', { name: /^Notifikasi/ }).count()).toBe(0);
      await screens.capture(page, 'dashboard-national');
      await logOut();
    },
    LONG,
  );

  it(
    'counts unread notifications in the bell, lists them with their post, marks them read',
    async () => {
      await logIn(page, world.users.staff.email, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Notifikasi, 2 belum dibaca' }).click();
      await page.getByRole('heading', { name: 'Notifikasi', level: 1 }).waitFor();
      const items = page.getByRole('list', { name: 'Daftar notifikasi' }).getByRole('listitem');
      await items.first().waitFor();
      expect(await items.count()).toBe(2);
      const first = items.filter({ hasText: `Gagal tayang: ${FAILED_TITLE}` }).first();
      expect(await first.getByRole('link', { name: 'Lihat postingan' }).getAttribute('href')).toBe(
        `#/konten/${failedPostId}`,
      );
      await screens.capture(page, 'notifications');

      await items.first().getByRole('button', { name: 'Tandai dibaca' }).click();
      await page.getByRole('link', { name: 'Notifikasi, 1 belum dibaca' }).waitFor();
      await page.getByRole('button', { name: 'Tandai semua dibaca' }).click();
      await page.getByText('1 notifikasi ditandai dibaca.').waitFor();
      await page.getByRole('link', { name: 'Notifikasi', exact: true }).waitFor();
      await page.getByText('Belum dibaca', { exact: true }).first().waitFor({ state: 'detached' });

      await page.getByLabel('Hanya yang belum dibaca').check();
      await page.getByText('Belum ada notifikasi').waitFor();
      await screens.capture(page, 'notifications-empty');
      expect(problems()).toEqual([]);
    },
    LONG,
  );
});
