/**
 * Administration in a real browser: the audit log with filters and CSV export, user
 * management (create and find in the list, reset password, deactivate), the forced password change after a reset,
 * the national institution switcher and a manager's read-only catalogue.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn } from './helpers/world';

const LONG = 90_000;

describeInBrowser('web UI: administration', () => {
  const ui = useBrowserSession('admin');
  const newUserEmail = `siti-${Date.now()}@uji.karya.id`;
  const temporaryPassword = 'sementara-2026';

  it(
    'shows an admin the audit log, filters it and exports CSV',
    async () => {
      await ui.page.goto(ui.world.baseUrl);
      await logIn(ui.page, ui.world.users.admin.email, TEST_PASSWORD);
      await ui.page.getByRole('link', { name: 'Audit', exact: true }).click();
      await ui.page.getByRole('heading', { name: 'Log audit' }).waitFor();
      await ui.page.getByRole('row', { name: /Masuk/ }).first().waitFor();
      await ui.screens.capture(ui.page, 'audit');

      await ui.page.getByLabel('Tindakan').selectOption('login');
      await ui.page.getByRole('button', { name: 'Terapkan' }).click();
      await ui.page.waitForURL(/action=login/);
      await ui.page
        .getByRole('row', { name: new RegExp(ui.world.users.admin.email) })
        .first()
        .waitFor();
      await ui.page.getByText('Lihat rincian').first().click();
      await ui.screens.capture(ui.page, 'audit-filtered');

      const download = ui.page.waitForEvent('download');
      await ui.page.getByRole('button', { name: 'Ekspor CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('audit-log.csv');
      const csv = readFileSync((await file.path())!, 'utf8');
      expect(csv.split('\n')[0]).toMatch(/action/);
      expect(csv).toContain(ui.world.users.admin.email);
      await ui.page.getByText('Berkas CSV diunduh.').waitFor();
    },
    LONG,
  );

  it(
    'creates a user, resets their password and deactivates another',
    async () => {
      await ui.page.getByRole('link', { name: 'Pengguna', exact: true }).click();
      await ui.page.getByRole('link', { name: 'Rina Staf Kegiatan Kerja' }).waitFor();
      await ui.screens.capture(ui.page, 'users');

      await ui.page.getByRole('link', { name: 'Tambah pengguna' }).click();
      await ui.page.getByRole('textbox', { name: 'Nama', exact: true }).fill('Siti Rahmawati');
      await ui.page.getByLabel('Email').fill(newUserEmail);
      await ui.page.getByLabel('Peran').selectOption('staff');
      await ui.page.getByLabel('Kata sandi awal').fill('pendek');
      await ui.page.getByRole('button', { name: 'Buat pengguna' }).click();
      expect(await ui.page.getByRole('alert').textContent()).toContain(
        'paling sedikit 10 karakter',
      );
      await ui.page.getByLabel('Kata sandi awal').fill('awal-rahasia-2026');
      await ui.screens.capture(ui.page, 'user-new');
      await ui.page.getByRole('button', { name: 'Buat pengguna' }).click();
      await ui.page.getByText('Pengguna “Siti Rahmawati” dibuat.').waitFor();
      const created = ui.page.getByRole('row', { name: /Siti Rahmawati/ });
      expect(await created.textContent()).toContain(newUserEmail);
      expect(await created.textContent()).toContain('Belum pernah');

      await ui.page.getByRole('searchbox', { name: 'Cari' }).fill('tidak-ada-orang-ini');
      await ui.page.getByRole('button', { name: 'Terapkan' }).click();
      await ui.page.getByText('Tidak ada pengguna yang cocok').waitFor();
      expect(await ui.page.getByRole('table').count()).toBe(0);
      await ui.screens.capture(ui.page, 'users-no-match');
      await ui.page.getByRole('link', { name: 'Hapus semua filter' }).click();

      await ui.page.getByRole('link', { name: 'Siti Rahmawati' }).click();
      await ui.page.getByLabel('Kata sandi sementara').fill(temporaryPassword);
      await ui.page.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
      await ui.page.getByText('Kata sandi diatur ulang.').waitFor();
      await ui.screens.capture(ui.page, 'user-edit');

      await ui.page.getByRole('link', { name: /Admin Lapas Uji/ }).click();
      await ui.page.getByRole('heading', { name: 'Akun saya' }).waitFor();
      await ui.screens.capture(ui.page, 'account');

      await ui.goto('#/pengguna');
      await ui.page.getByRole('link', { name: 'Kepala Lapas Uji' }).click();
      await ui.page.getByRole('button', { name: 'Nonaktifkan pengguna' }).click();
      await ui.page.getByText('Pengguna dinonaktifkan.').waitFor();
      await ui.page.getByRole('button', { name: 'Aktifkan kembali' }).click();
      await ui.page.getByText('Pengguna diaktifkan kembali.').waitFor();
      await ui.logOut();
    },
    LONG,
  );

  it(
    'makes a user whose password was reset choose a new one first',
    async () => {
      await logIn(ui.page, newUserEmail, temporaryPassword);
      await ui.page.getByRole('heading', { name: 'Buat kata sandi baru' }).waitFor();
      await ui.screens.capture(ui.page, 'must-change-password');
      await ui.page.getByLabel('Kata sandi saat ini').fill(temporaryPassword);
      await ui.page.getByLabel(/^Kata sandi baru/).fill('milik-siti-sendiri-1');
      await ui.page.getByLabel('Ulangi kata sandi baru').fill('milik-siti-sendiri-1');
      await ui.page.getByRole('button', { name: 'Ganti kata sandi' }).click();
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.logOut();
    },
    LONG,
  );

  it(
    'lets a national admin choose the institution to act on',
    async () => {
      await logIn(ui.page, ui.world.users.nationalAdmin.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      expect(await ui.page.locator('.brand-institution').textContent()).toBe('Tingkat nasional');
      await ui.page.getByLabel('Lembaga').selectOption(ui.world.institution.id);
      await ui.page
        .locator('.brand-institution', { hasText: 'Lapas Kelas IIA Uji Peramban' })
        .waitFor();
      await ui.page.getByRole('link', { name: 'Kain Batik Tulis Parang' }).waitFor();
      await ui.screens.capture(ui.page, 'national-institution');
      await ui.page.reload();
      await ui.page
        .locator('.brand-institution', { hasText: 'Lapas Kelas IIA Uji Peramban' })
        .waitFor();
      await ui.page.getByLabel('Lembaga').selectOption('');
      await ui.logOut();
    },
    LONG,
  );

  it(
    'shows a manager the catalogue read-only, with the mobile menu',
    async () => {
      await logIn(ui.page, ui.world.users.manager.email, TEST_PASSWORD);
      await ui.page.getByRole('link', { name: 'Kain Batik Tulis Parang' }).waitFor();
      expect(await ui.page.getByRole('link', { name: 'Tambah produk' }).count()).toBe(0);
      await ui.goto('#/media');
      await ui.page.getByRole('heading', { name: 'Media & Izin' }).waitFor();
      expect(await ui.page.getByRole('heading', { name: 'Unggah foto produk' }).count()).toBe(0);
      await ui.goto('#/media/persetujuan');
      await ui.page.getByText('Register masih kosong').waitFor();
      await ui.page
        .getByText('Data akan muncul di sini setelah staf lembaga menambahkannya.')
        .waitFor();
      expect(await ui.page.getByRole('link', { name: 'Catat persetujuan' }).count()).toBe(0);
      await ui.screens.capture(ui.page, 'consents-read-only');

      await ui.page.setViewportSize({ width: 360, height: 780 });
      const menu = ui.page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await ui.page.getByRole('link', { name: 'Katalog', exact: true }).click();
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      // Moving to another screen folds the menu away again.
      await ui.page.locator('.menu-toggle[aria-expanded="false"]').waitFor();
      await menu.click();
      await ui.page.screenshot({ path: 'test/browser/__screenshots__/admin-mobile-menu-open.png' });
      await ui.logOut();
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
