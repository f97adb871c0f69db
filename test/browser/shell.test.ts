/**
 * The shell in a real browser: the language switch (kept across reloads, API errors in the
 * chosen language), screens a role may not use, and the list screens' table: pagination,
 * sorting, loading without shifting, empty and no-match states, load errors, keyboard use.
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
  /** The focused element's text and outline style (solid when focus is visible). */
  const focus = () =>
    page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as any;
      const element = document.activeElement;
      return { text: element?.textContent, outline: getComputedStyle(element).outlineStyle };
    });

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
    'sorts the catalogue by a column head, from the keyboard, with focus visible',
    async () => {
      await goto('#/katalog');
      await page.getByText('Menampilkan 1–20 dari 22').waitFor();
      const nameHead = page.getByRole('columnheader', { name: 'Nama produk' });
      const priceHead = page.getByRole('columnheader', { name: 'Harga' });
      expect(await nameHead.getAttribute('aria-sort')).toBe('ascending');
      expect(await priceHead.getAttribute('aria-sort')).toBeNull();

      await page.getByRole('button', { name: 'Nama produk' }).focus();
      await page.keyboard.press('Tab');
      const focused = await focus();
      expect(focused.text).toContain('Harga');
      expect(focused.outline).toBe('solid');
      await page.keyboard.press('Enter');
      await page.waitForURL(/sort=price&direction=asc/);
      await page.locator('[aria-sort="ascending"]', { hasText: 'Harga' }).waitFor();
      const firstRow = page.locator('tbody tr').first();
      await firstRow.filter({ hasText: 'Roti Manis Varian 01' }).waitFor();
      await screens.capture(page, 'catalogue-by-price');

      await page.getByRole('button', { name: 'Harga' }).click();
      await page.waitForURL(/direction=desc/);
      await firstRow.filter({ hasText: 'Kain Batik Tulis Parang' }).waitFor();
      expect(await priceHead.getAttribute('aria-sort')).toBe('descending');
      expect(await nameHead.getAttribute('aria-sort')).toBeNull();

      // The sort dropdown and the heads are one order: it reads what the head chose, and
      // what it applies shows on the heads.
      const order = page.getByLabel('Urutkan');
      const chosen = () => order.evaluate((select: any) => select.selectedOptions[0].textContent);
      expect(await chosen()).toBe('Harga termahal');
      await order.selectOption({ label: 'Nama (Z–A)' });
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/sort=name&direction=desc/);
      await page.locator('[aria-sort="descending"]', { hasText: 'Nama produk' }).waitFor();
      expect(await priceHead.getAttribute('aria-sort')).toBeNull();
      expect(await chosen()).toBe('Nama (Z–A)');
      await page.getByRole('button', { name: 'Nama produk' }).click();
      await page.waitForURL(/sort=name&direction=asc/);
      await page.locator('[aria-sort="ascending"]', { hasText: 'Nama produk' }).waitFor();
      expect(await chosen()).toBe('Nama (A–Z)');
      await screens.capture(page, 'catalogue-by-name');
    },
    LONG,
  );

  it(
    'keeps a list in place while it loads, then shows its rows and a new one',
    async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const workshops = /\/api\/workshops\?/;
      await page.route(workshops, async (route) => {
        await held;
        await route.continue();
      });
      await goto('#/katalog/bengkel');
      const table = page.locator('.table-wrap');
      await page.locator('.skeleton-row').first().waitFor();
      const loading = await table.boundingBox();
      release();
      await page.getByRole('link', { name: 'Batik', exact: true }).waitFor();
      expect(await page.locator('.skeleton-row').count()).toBe(0);
      const loaded = await table.boundingBox();
      expect(loaded?.y).toBe(loading?.y);
      expect(loaded?.x).toBe(loading?.x);
      await page.unroute(workshops);
      await screens.capture(page, 'workshops');
      const rows = await page.locator('tbody tr').count();

      await page.getByRole('link', { name: 'Tambah bengkel' }).click();
      await page.getByLabel('Nama bengkel').fill('Anyaman Pandan');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByText('Bengkel “Anyaman Pandan” disimpan.').waitFor();
      const row = page.getByRole('row', { name: /Anyaman Pandan/ });
      expect(await row.textContent()).toContain('Aktif');
      expect(await page.locator('tbody tr').count()).toBe(rows + 1);
    },
    LONG,
  );

  it(
    'says what to do next when a list is empty or matches nothing',
    async () => {
      await goto('#/media/penurunan');
      await page.getByText('Tidak ada tugas penurunan').waitFor();
      await page.getByText('Tugas muncul di sini saat sebuah persetujuan ditarik.').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      await screens.capture(page, 'takedowns-empty');

      await goto('#/media/persetujuan');
      await page.getByText('Register masih kosong').waitFor();
      await page
        .getByText('Catat persetujuan sebelum memakai foto yang menampilkan orang.')
        .waitFor();
      // The page's action and the empty state's both lead to the form.
      expect(await page.getByRole('link', { name: 'Catat persetujuan' }).count()).toBe(2);
      await screens.capture(page, 'consents-empty');

      await page.getByLabel('Status').selectOption('withdrawn');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.getByText('Tidak ada yang cocok dengan filter ini').waitFor();
      await screens.capture(page, 'consents-no-match');
      await page.getByRole('link', { name: 'Hapus semua filter' }).click();
      await page.getByText('Register masih kosong').waitFor();
      expect(page.url()).not.toContain('status=');
    },
    LONG,
  );

  it(
    'says in the chosen language when a list fails to load, and loads it again on request',
    async () => {
      const failing = /\/api\/takedown-tasks\?/;
      await page.route(failing, (route) => route.fulfill({ status: 503, body: '' }));
      await goto('#/media/penurunan');
      await alert().getByText('Permintaan gagal (kode 503). Coba lagi.').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByText('Tidak ada tugas penurunan').count()).toBe(0);
      await screens.capture(page, 'list-error');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Try again' }).click();
      await alert().getByText('The request failed (code 503). Please try again.').waitFor();

      await page.unroute(failing);
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('No takedown tasks').waitFor();
      expect(await alert().count()).toBe(0);
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await page.getByText('Tidak ada tugas penurunan').waitFor();
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
      const focused = await focus();
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
