/**
 * A staff member's Foundation work in a real browser: log in, add a product, upload a photo,
 * record consent and clear the photo with it, withdraw the consent (photo blocked, takedown
 * task opened). Every screen passes axe and is photographed at desktop and 360 px.
 */
import { expect, it } from '@jest/globals';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn, productPhoto } from './helpers/world';

const LONG = 90_000;

describeInBrowser('web UI: staff flow', () => {
  const ui = useBrowserSession('staff');

  const alert = () => ui.page.getByRole('alert');

  it(
    'opens on the login screen in Bahasa Indonesia and explains a wrong password',
    async () => {
      await ui.page.goto(ui.world.baseUrl);
      await expect(
        ui.page.getByRole('heading', { name: 'Masuk ke Karya' }).isVisible(),
      ).resolves.toBe(true);
      expect(await ui.page.getAttribute('html', 'lang')).toBe('id');
      await ui.screens.capture(ui.page, 'login');

      await logIn(ui.page, ui.world.users.staff.email, 'bukan-kata-sandinya');
      await alert().waitFor();
      expect(await alert().textContent()).toContain('Email atau kata sandi salah');
      await ui.screens.capture(ui.page, 'login-wrong-password');
    },
    LONG,
  );

  it(
    'shows the rate-limit message after too many failures',
    async () => {
      const email = `tamu-${Date.now()}@uji.karya.id`;
      for (let i = 0; i < 5; i += 1) {
        await fetch(`${ui.world.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password: 'salah-salah-salah' }),
        });
      }
      await logIn(ui.page, email, 'salah-salah-salah');
      await ui.page
        .getByText(/Terlalu banyak percobaan gagal; coba lagi dalam \d+ detik/)
        .waitFor();
    },
    LONG,
  );

  it(
    'logs in and lands on the catalogue',
    async () => {
      await logIn(ui.page, ui.world.users.staff.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.page.getByRole('link', { name: 'Kain Batik Tulis Parang' }).waitFor();
      const header = await ui.page.locator('header').textContent();
      expect(header).toContain('Lapas Kelas IIA Uji Peramban');
      expect(header).toContain('Rina Staf Kegiatan Kerja');
      await ui.screens.capture(ui.page, 'catalogue-products');

      await ui.page.getByLabel('Cari').fill('kaos');
      await ui.page.getByRole('button', { name: 'Terapkan' }).click();
      await ui.page.waitForURL(/q=kaos/);
      await ui.page.getByRole('link', { name: 'Kaos Sablon Hari Bakti' }).waitFor();
      await ui.page
        .getByRole('link', { name: 'Kain Batik Tulis Parang' })
        .waitFor({ state: 'detached' });
      await ui.screens.capture(ui.page, 'catalogue-search');
    },
    LONG,
  );

  it(
    'creates a product; a refused marketplace link shows the server reason',
    async () => {
      await ui.goto('#/katalog');
      await ui.page.getByRole('link', { name: 'Tambah produk' }).click();
      await ui.page.getByRole('heading', { name: 'Produk baru' }).waitFor();
      await ui.screens.capture(ui.page, 'product-new');

      await ui.page.getByLabel('Nama produk').fill('Kemeja Batik Lintas 5');
      await ui.page.getByLabel('Bengkel').selectOption({ label: 'Batik' });
      await ui.page.getByLabel('Harga (rupiah)').fill('185.000');
      await ui.page.getByText('Akan tampil sebagai Rp 185.000.').waitFor();
      await ui.page.getByLabel('SKU').fill(`KMJ-${Date.now()}`);
      await ui.page.getByLabel('Tag').fill('batik, kemeja');
      await ui.page.getByRole('button', { name: 'Tambah tautan' }).click();
      await ui.page.getByLabel('Marketplace').selectOption('shopee');
      await ui.page.getByLabel('Alamat tautan').fill('https://www.tokopedia.com/lapas/kemeja');
      await ui.page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await alert().waitFor();
      expect(await alert().textContent()).toContain('Tautan Shopee harus berada di domain');
      expect(await ui.page.getByLabel('Alamat tautan').getAttribute('aria-invalid')).toBe('true');
      await ui.screens.capture(ui.page, 'product-link-refused');

      await ui.page.getByLabel('Alamat tautan').fill('https://shopee.co.id/lapas/kemeja-batik');
      await ui.page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await ui.page.getByText('Produk “Kemeja Batik Lintas 5” disimpan.').waitFor();
      await ui.page.getByRole('link', { name: 'Kemeja Batik Lintas 5' }).click();
      await ui.page.getByRole('heading', { name: 'Kemeja Batik Lintas 5' }).waitFor();
      expect(await ui.page.getByLabel('Alamat tautan').inputValue()).toBe(
        'https://shopee.co.id/lapas/kemeja-batik',
      );
      await ui.screens.capture(ui.page, 'product-edit');
    },
    LONG,
  );

  it(
    'adds a workshop and deactivates it',
    async () => {
      await ui.goto('#/katalog/bengkel');
      await ui.page.getByRole('link', { name: 'Batik', exact: true }).waitFor();
      await ui.screens.capture(ui.page, 'workshops');
      await ui.page.getByRole('link', { name: 'Tambah bengkel' }).click();
      await ui.page.getByLabel('Nama bengkel').fill('Kerajinan Rotan');
      await ui.page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await ui.page.getByText('Bengkel “Kerajinan Rotan” disimpan.').waitFor();
      await ui.page.getByRole('link', { name: 'Kerajinan Rotan' }).click();
      await ui.page.getByLabel('Bengkel aktif').uncheck();
      await ui.screens.capture(ui.page, 'workshop-edit');
      await ui.page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await ui.page.getByText('Bengkel “Kerajinan Rotan” disimpan.').waitFor();
      const row = ui.page.getByRole('row', { name: /Kerajinan Rotan/ });
      expect(await row.textContent()).toContain('Nonaktif');
    },
    LONG,
  );

  it(
    'uploads a photo by drag and drop with progress; an unreadable file is refused',
    async () => {
      await ui.goto('#/media');
      await ui.page.getByText('Belum ada foto').waitFor();
      await ui.screens.capture(ui.page, 'media-empty');

      const photo = (await productPhoto()).toString('base64');
      await ui.page.evaluate((base64) => {
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
      await ui.page.getByText('Selesai: kemeja-batik.jpg').waitFor();
      expect(await ui.page.locator('progress').first().getAttribute('value')).toBe('100');
      await ui.page.locator('.media-card').first().waitFor();

      await ui.page.locator('#media-file').setInputFiles({
        name: 'bukan-foto.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from('ini bukan gambar'),
      });
      await ui.page.getByText('bukan-foto.jpg tidak dapat diunggah').waitFor();
      const card = ui.page.locator('.media-card').first();
      expect(await card.textContent()).toContain('Diblokir');
      expect(await card.textContent()).toContain('Foto belum memiliki izin');
      await ui.screens.capture(ui.page, 'media-uploaded');
    },
    LONG,
  );

  it(
    'records a consent; the minor box warns that minors can never be cleared',
    async () => {
      await ui.goto('#/media/persetujuan');
      await ui.page.getByText('Register masih kosong').waitFor();
      await ui.screens.capture(ui.page, 'consents-empty');
      await ui.page.getByRole('link', { name: 'Catat persetujuan' }).first().click();
      await ui.page.getByRole('heading', { name: 'Persetujuan baru' }).waitFor();

      await ui.page.getByLabel('Orang ini masih anak').check();
      await ui.page.getByText('Foto anak tidak pernah boleh dipublikasikan').waitFor();
      await ui.screens.capture(ui.page, 'consent-new-minor-warning');
      await ui.page.getByLabel('Orang ini masih anak').uncheck();

      await ui.page.getByRole('button', { name: 'Simpan persetujuan' }).click();
      expect(await alert().textContent()).toContain('Nama wajib diisi.');
      await ui.page.getByLabel('Nama yang memberi persetujuan').fill('Budi Santoso');
      await ui.page
        .getByRole('textbox', { name: 'Tujuan', exact: true })
        .fill('Foto promosi produk batik di media sosial lembaga');
      await ui.page.getByLabel('Instagram').check();
      await ui.page.getByLabel('Facebook').check();
      await ui.page.getByLabel('Bukti persetujuan').setInputFiles({
        name: 'formulir-persetujuan.jpg',
        mimeType: 'image/jpeg',
        buffer: await productPhoto(),
      });
      await ui.page.getByText('formulir-persetujuan.jpg').waitFor();
      await ui.page.getByRole('button', { name: 'Simpan persetujuan' }).click();
      await ui.page.getByRole('heading', { name: 'Budi Santoso' }).waitFor();
      await ui.page.getByText('Persetujuan dicatat.').waitFor();
      await ui.page.getByRole('link', { name: 'Unduh bukti' }).waitFor();
      await ui.screens.capture(ui.page, 'consent-detail');
      await ui.goto('#/media/persetujuan');
      await ui.page.getByRole('link', { name: 'Budi Santoso' }).waitFor();
      await ui.screens.capture(ui.page, 'consents');
    },
    LONG,
  );

  it(
    'clears the photo by linking the consent, after the attestation',
    async () => {
      await ui.goto('#/media');
      await ui.page.locator('.media-card a').first().click();
      await ui.page.getByRole('heading', { name: 'Izin foto' }).waitFor();
      await ui.screens.capture(ui.page, 'media-detail');

      await ui.page.getByRole('radio', { name: /^Ada orang yang dapat dikenali/ }).check();
      const consent = ui.page.getByLabel('Catatan persetujuan');
      const value = await consent
        .locator('option', { hasText: 'Budi Santoso' })
        .getAttribute('value');
      await consent.selectOption(value!);
      await ui.page.getByRole('button', { name: 'Simpan izin' }).click();
      expect(await alert().textContent()).toContain('Centang pernyataan');
      await ui.page.getByLabel('Saya menyatakan orang dalam foto ini').check();
      await ui.page.getByRole('button', { name: 'Simpan izin' }).click();
      await ui.page.getByText('Izin foto disimpan.').waitFor();
      await ui.page.getByText('Boleh dipakai di: Instagram, Facebook.').waitFor();
      await ui.screens.capture(ui.page, 'media-cleared');
    },
    LONG,
  );

  it(
    'withdraws the consent: the photo is blocked and a takedown task lists it',
    async () => {
      await ui.goto('#/media/persetujuan');
      await ui.page.getByRole('link', { name: 'Budi Santoso' }).click();
      await ui.page.getByRole('button', { name: 'Tarik persetujuan' }).click();
      const dialog = ui.page.getByRole('dialog', { name: 'Tarik persetujuan?' });
      await dialog.waitFor();
      await dialog
        .getByLabel('Alasan penarikan')
        .fill('Yang bersangkutan meminta fotonya tidak dipakai');
      await ui.screens.capture(ui.page, 'consent-withdraw-dialog');
      await dialog.getByRole('button', { name: 'Ya, tarik persetujuan' }).click();
      await ui.page.getByText('1 foto kini diblokir. Tugas penurunan telah dibuat.').waitFor();
      await ui.screens.capture(ui.page, 'consent-withdrawn');

      await ui.page.getByRole('link', { name: 'Buka tugas penurunan' }).click();
      await ui.page.getByRole('heading', { name: 'Tugas penurunan', level: 1 }).waitFor();
      await ui.page.locator('.media-card').first().waitFor();
      expect(await ui.page.locator('.media-card').count()).toBe(1);
      await ui.screens.capture(ui.page, 'takedown-detail');

      await ui.page.getByRole('button', { name: 'Mulai kerjakan' }).click();
      await ui.page.getByText('Sedang dikerjakan').first().waitFor();
      await ui.page.getByRole('button', { name: 'Tandai selesai' }).click();
      await ui.page.getByText('Tugas ini sudah ditutup.').waitFor();

      await ui.goto('#/media/penurunan');
      await ui.page.getByRole('row', { name: /Selesai/ }).waitFor();
      await ui.screens.capture(ui.page, 'takedowns');

      await ui.goto('#/media');
      const card = ui.page.locator('.media-card').first();
      await card.getByText('Persetujuan untuk foto ini telah ditarik').waitFor();
      await ui.screens.capture(ui.page, 'media-blocked');
    },
    LONG,
  );

  it(
    'logs out, and nothing went wrong in the page',
    async () => {
      await ui.page.getByRole('button', { name: 'Keluar' }).click();
      await ui.page.getByRole('heading', { name: 'Masuk ke Karya' }).waitFor();
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
