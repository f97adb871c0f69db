/**
 * The shell in a real browser: the language switch (kept across reloads, API errors in the
 * chosen language), screens a role may not use, pagination and keyboard use.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { makeProduct, TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { ScreenRecorder, watchConsole } from './helpers/capture';
import { type BrowserWorld, logIn, startWorld } from './helpers/world';

const LONG = 90_000;

describeInBrowser('web UI: shell', () => {
  let world: BrowserWorld;
  let page: Page;
  let problems: () => string[];
  const screens = new ScreenRecorder('shell');

  beforeAll(async () => {
    world = await startWorld();
    page = world.page;
    problems = watchConsole(page);
    await page.goto(world.baseUrl);
    await logIn(page, world.users.staff.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
  }, 120_000);

  afterAll(async () => {
    screens.writeReport();
    await world?.close();
  });

  const goto = (hash: string) => page.goto(`${world.baseUrl}/${hash}`);
  const alert = () => page.getByRole('alert');

  it(
    'switches to English (kept after a reload, API errors in English) and back',
    async () => {
      await goto('#/katalog');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.reload();
      await page.getByRole('link', { name: 'Media & Consent' }).waitFor();
      await screens.capture(page, 'catalogue-english');

      await goto('#/katalog/produk/baru');
      await page.getByLabel('Product name').fill('Tas Anyaman Rotan');
      await page.getByLabel('Workshop').selectOption({ label: 'Batik' });
      await page.getByLabel('Price (rupiah)').fill('90000');
      await page.getByLabel('SKU').fill(`KMJ-${Date.now()}`);
      await page.getByRole('button', { name: 'Add link' }).click();
      await page.getByLabel('Link address').fill('http://tokopedia.com/lapas');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      expect(await alert().textContent()).toContain('The link must start with https://');
      await screens.capture(page, 'product-error-english');

      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await page.getByRole('link', { name: 'Katalog', exact: true }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('id');
    },
    LONG,
  );

  it(
    'says plainly when a screen is not for the role',
    async () => {
      await goto('#/audit');
      await page.getByRole('heading', { name: 'Tidak ada akses' }).waitFor();
      await screens.capture(page, 'forbidden');
    },
    LONG,
  );

  it(
    'pages through a long product list',
    async () => {
      for (let i = 1; i <= 20; i += 1) {
        await makeProduct(world.t.dataSource, world.institution.id, {
          name: `Roti Manis Varian ${String(i).padStart(2, '0')}`,
          priceRupiah: 8_000 + i * 500,
        });
      }
      await goto('#/katalog?sort=name');
      await page.getByText('Menampilkan 1–20 dari 22').waitFor();
      await page.getByRole('button', { name: 'Berikutnya' }).click();
      await page.getByText('Menampilkan 21–22 dari 22').waitFor();
      expect(page.url()).toContain('page=2');
      await screens.capture(page, 'catalogue-page-2');
    },
    LONG,
  );

  it(
    'is keyboard operable: the skip link comes first and focus is visible',
    async () => {
      await goto('#/katalog');
      await page.reload();
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        text: (globalThis as any).document.activeElement?.textContent,
        outline: (globalThis as any).getComputedStyle((globalThis as any).document.activeElement)
          .outlineStyle,
      }));
      expect(focused.text).toBe('Langsung ke isi halaman');
      expect(focused.outline).toBe('solid');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe(
        'main',
      );
    },
    LONG,
  );

  it('logs out, and nothing went wrong in the page', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Karya' }).waitFor();
    expect(problems()).toEqual([]);
  });
});
