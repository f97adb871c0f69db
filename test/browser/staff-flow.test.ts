/**
 * A staff member's Foundation work in a real browser: log in, add a product, upload a photo,
 * record consent and clear the photo with it, withdraw the consent (photo blocked, takedown
 * task opened). Every screen passes axe and is photographed at desktop and 360 px.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { ScreenRecorder, watchConsole } from './helpers/capture';
import { type BrowserWorld, logIn, productPhoto, startWorld } from './helpers/world';

const LONG = 90_000;

describeInBrowser('web UI: staff flow', () => {
  let world: BrowserWorld;
  let page: Page;
  let problems: () => string[];
  const screens = new ScreenRecorder('staff');

  beforeAll(async () => {
    world = await startWorld();
    page = world.page;
    problems = watchConsole(page);
  }, 120_000);

  afterAll(async () => {
    screens.writeReport();
    await world?.close();
  });

  const goto = (hash: string) => page.goto(`${world.baseUrl}/${hash}`);
  const alert = () => page.getByRole('alert');

  it(
    'opens on the login screen in Bahasa Indonesia and explains a wrong password',
    async () => {
      await page.goto(world.baseUrl);
      await expect(page.getByRole('heading', { name: 'Masuk ke Karya' }).isVisible()).resolves.toBe(
        true,
      );
      expect(await page.getAttribute('html', 'lang')).toBe('id');
      await screens.capture(page, 'login');

      await logIn(page, world.users.staff.email, 'bukan-kata-sandinya');
      await alert().waitFor();
      expect(await alert().textContent()).toContain('Email atau kata sandi salah');
      await screens.capture(page, 'login-wrong-password');
    },
    LONG,
  );

  it(
    'shows the rate-limit message after too many failures',
    async () => {
      const email = `tamu-${Date.now()}@uji.karya.id`;
      for (let i = 0; i < 5; i += 1) {
        await fetch(`${world.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password: 'salah-salah-salah' }),
        });
      }
      await logIn(page, email, 'salah-salah-salah');
      await page.getByText(/Terlalu banyak percobaan gagal; coba lagi dalam \d+ detik/).waitFor();
    },
    LONG,
  );

  it(
    'logs in and lands on the catalogue',
    async () => {
      await logIn(page, world.users.staff.email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Kain Batik Tulis Parang' }).waitFor();
      const header = await page.locator('header').textContent();
      expect(header).toContain('Lapas Kelas IIA Uji Peramban');
      expect(header).toContain('Rina Staf Kegiatan Kerja');
      await screens.capture(page, 'catalogue-products');

      await page.getByLabel('Cari').fill('kaos');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/q=kaos/);
      await page.getByRole('link', { name: 'Kaos Sablon Hari Bakti' }).waitFor();
      await page
        .getByRole('link', { name: 'Kain Batik Tulis Parang' })
        .waitFor({ state: 'detached' });
      await screens.capture(page, 'catalogue-search');
    },
    LONG,
  );

  it(
    'creates a product; a refused marketplace link shows the server reason',
    async () => {
      await goto('#/katalog');
      await page.getByRole('link', { name: 'Tambah produk' }).click();
      await page.getByRole('heading', { name: 'Produk baru' }).waitFor();
      await screens.capture(page, 'product-new');

      await page.getByLabel('Nama produk').fill('Kemeja Batik Lintas 5');
      await page.getByLabel('Bengkel').selectOption({ label: 'Batik' });
      await page.getByLabel('Harga (rupiah)').fill('185.000');
      await page.getByText('Akan tampil sebagai Rp 185.000.').waitFor();
      await page.getByLabel('SKU').fill(`KMJ-${Date.now()}`);
      await page.getByLabel('Tag').fill('batik, kemeja');
      await page.getByRole('button', { name: 'Tambah tautan' }).click();
      await page.getByLabel('Marketplace').selectOption('shopee');
      await page.getByLabel('Alamat tautan').fill('https://www.tokopedia.com/lapas/kemeja');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await alert().waitFor();
      expect(await alert().textContent()).toContain('Tautan Shopee harus berada di domain');
      expect(await page.getByLabel('Alamat tautan').getAttribute('aria-invalid')).toBe('true');
      await screens.capture(page, 'product-link-refused');

      await page.getByLabel('Alamat tautan').fill('https://shopee.co.id/lapas/kemeja-batik');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByText('Produk “Kemeja Batik Lintas 5” disimpan.').waitFor();
      await page.getByRole('link', { name: 'Kemeja Batik Lintas 5' }).click();
      await page.getByRole('heading', { name: 'Kemeja Batik Lintas 5' }).waitFor();
      expect(await page.getByLabel('Alamat tautan').inputValue()).toBe(
        'https://shopee.co.id/lapas/kemeja-batik',
      );
      await screens.capture(page, 'product-edit');
    },
    LONG,
  );

  it(
    'adds a workshop and deactivates it',
    async () => {
      await goto('#/katalog/bengkel');
      await page.getByRole('link', { name: 'Batik', exact: true }).waitFor();
      await screens.capture(page, 'workshops');
      await page.getByRole('link', { name: 'Tambah bengkel' }).click();
      await page.getByLabel('Nama bengkel').fill('Kerajinan Rotan');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByText('Bengkel “Kerajinan Rotan” disimpan.').waitFor();
      await page.getByRole('link', { name: 'Kerajinan Rotan' }).click();
      await page.getByLabel('Bengkel aktif').uncheck();
      await screens.capture(page, 'workshop-edit');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByText('Bengkel “Kerajinan Rotan” disimpan.').waitFor();
      const row = page.getByRole('row', { name: /Kerajinan Rotan/ });
      expect(await row.textContent()).toContain('Nonaktif');
    },
    LONG,
  );

  it(
    'uploads a photo by drag and drop with progress; an unreadable file is refused',
    async () => {
      await goto('#/media');
      await page.getByText('Belum ada foto').waitFor();
      await screens.capture(page, 'media-empty');

      const photo = (await productPhoto()).toString('base64');
      await page.evaluate((base64) => {
        const { DataTransfer, DragEvent, File, atob, document } = globalThis as any;
        const bytes = Uint8Array.from(atob(base64), (c: string) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'kemeja-batik.jpg', { type: 'image/jpeg' }));
        const zone = document.querySelector('.dropzone')!;
        for (const type of ['dragover', 'drop']) {
          zone.dispatchEvent(
            new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
          );
        }
      }, photo);
      await page.getByText('Selesai: kemeja-batik.jpg').waitFor();
      expect(await page.locator('progress').first().getAttribute('value')).toBe('100');
      await page.locator('.media-card').first().waitFor();

      await page.locator('#media-file').setInputFiles({
        name: 'bukan-foto.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from('ini bukan gambar'),
      });
      await page.getByText('bukan-foto.jpg tidak dapat diunggah').waitFor();
      const card = page.locator('.media-card').first();
      expect(await card.textContent()).toContain('Diblokir');
      expect(await card.textContent()).toContain('Foto belum memiliki izin');
      await screens.capture(page, 'media-uploaded');
    },
    LONG,
  );

  it(
    'records a consent; the minor box warns that minors can never be cleared',
    async () => {
      await goto('#/media/persetujuan');
      await page.getByText('Register masih kosong').waitFor();
      await screens.capture(page, 'consents-empty');
      await page.getByRole('link', { name: 'Catat persetujuan' }).first().click();
      await page.getByRole('heading', { name: 'Persetujuan baru' }).waitFor();

      await page.getByLabel('Orang ini masih anak').check();
      await page.getByText('Foto anak tidak pernah boleh dipublikasikan').waitFor();
      await screens.capture(page, 'consent-new-minor-warning');
      await page.getByLabel('Orang ini masih anak').uncheck();

      await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
      expect(await alert().textContent()).toContain('Nama wajib diisi.');
      await page.getByLabel('Nama yang memberi persetujuan').fill('Budi Santoso');
      await page
        .getByRole('textbox', { name: 'Tujuan', exact: true })
        .fill('Foto promosi produk batik di media sosial lembaga');
      await page.getByLabel('Instagram').check();
      await page.getByLabel('Facebook').check();
      await page.getByLabel('Bukti persetujuan').setInputFiles({
        name: 'formulir-persetujuan.jpg',
        mimeType: 'image/jpeg',
        buffer: await productPhoto(),
      });
      await page.getByText('formulir-persetujuan.jpg').waitFor();
      await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
      await page.getByRole('heading', { name: 'Budi Santoso' }).waitFor();
      await page.getByText('Persetujuan dicatat.').waitFor();
      await page.getByRole('link', { name: 'Unduh bukti' }).waitFor();
      await screens.capture(page, 'consent-detail');
      await goto('#/media/persetujuan');
      await page.getByRole('link', { name: 'Budi Santoso' }).waitFor();
      await screens.capture(page, 'consents');
    },
    LONG,
  );

  it(
    'clears the photo by linking the consent, after the attestation',
    async () => {
      await goto('#/media');
      await page.locator('.media-card a').first().click();
      await page.getByRole('heading', { name: 'Izin foto' }).waitFor();
      await screens.capture(page, 'media-detail');

      await page.getByRole('radio', { name: /^Ada orang yang dapat dikenali/ }).check();
      const consent = page.getByLabel('Catatan persetujuan');
      const value = await consent
        .locator('option', { hasText: 'Budi Santoso' })
        .getAttribute('value');
      await consent.selectOption(value!);
      await page.getByRole('button', { name: 'Simpan izin' }).click();
      expect(await alert().textContent()).toContain('Centang pernyataan');
      await page.getByLabel('Saya menyatakan orang dalam foto ini').check();
      await page.getByRole('button', { name: 'Simpan izin' }).click();
      await page.getByText('Izin foto disimpan.').waitFor();
      await page.getByText('Boleh dipakai di: Instagram, Facebook.').waitFor();
      await screens.capture(page, 'media-cleared');
    },
    LONG,
  );

  it(
    'withdraws the consent: the photo is blocked and a takedown task lists it',
    async () => {
      await goto('#/media/persetujuan');
      await page.getByRole('link', { name: 'Budi Santoso' }).click();
      await page.getByRole('button', { name: 'Tarik persetujuan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Tarik persetujuan?' });
      await dialog.waitFor();
      await dialog
        .getByLabel('Alasan penarikan')
        .fill('Yang bersangkutan meminta fotonya tidak dipakai');
      await screens.capture(page, 'consent-withdraw-dialog');
      await dialog.getByRole('button', { name: 'Ya, tarik persetujuan' }).click();
      await page.getByText('1 foto kini diblokir. Tugas penurunan telah dibuat.').waitFor();
      await screens.capture(page, 'consent-withdrawn');

      await page.getByRole('link', { name: 'Buka tugas penurunan' }).click();
      await page.getByRole('heading', { name: 'Tugas penurunan', level: 1 }).waitFor();
      await page.locator('.media-card').first().waitFor();
      expect(await page.locator('.media-card').count()).toBe(1);
      await screens.capture(page, 'takedown-detail');

      await page.getByRole('button', { name: 'Mulai kerjakan' }).click();
      await page.getByText('Sedang dikerjakan').first().waitFor();
      await page.getByRole('button', { name: 'Tandai selesai' }).click();
      await page.getByText('Tugas ini sudah ditutup.').waitFor();

      await goto('#/media/penurunan');
      await page.getByRole('row', { name: /Selesai/ }).waitFor();
      await screens.capture(page, 'takedowns');

      await goto('#/media');
      const card = page.locator('.media-card').first();
      await card.getByText('Persetujuan untuk foto ini telah ditarik').waitFor();
      await screens.capture(page, 'media-blocked');
    },
    LONG,
  );

  it(
    'logs out, and nothing went wrong in the page',
    async () => {
      await page.getByRole('button', { name: 'Keluar' }).click();
      await page.getByRole('heading', { name: 'Masuk ke Karya' }).waitFor();
      expect(problems()).toEqual([]);
    },
    LONG,
  );
});
