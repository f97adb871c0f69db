/**
 * Administration in a real browser: the audit log with filters and CSV export, user
 * management (create, reset password, deactivate), the forced password change after a reset,
 * the national institution switcher and a manager's read-only catalogue.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { ScreenRecorder, watchConsole } from './helpers/capture';
import { type BrowserWorld, logIn, startWorld } from './helpers/world';

const LONG = 90_000;

describeInBrowser('web UI: administration', () => {
  let world: BrowserWorld;
  let page: Page;
  let problems: () => string[];
  const screens = new ScreenRecorder('admin');
  const newUserEmail = `siti-${Date.now()}@uji.karya.id`;
  const temporaryPassword = 'sementara-2026';

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
  const logOut = async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Karya' }).waitFor();
  };

  it(
    'shows an admin the audit log, filters it and exports CSV',
    async () => {
      await page.goto(world.baseUrl);
      await logIn(page, world.users.admin.email, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Audit', exact: true }).click();
      await page.getByRole('heading', { name: 'Log audit' }).waitFor();
      await page.getByRole('row', { name: /Masuk/ }).first().waitFor();
      await screens.capture(page, 'audit');

      await page.getByLabel('Tindakan').selectOption('login');
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/action=login/);
      await page
        .getByRole('row', { name: new RegExp(world.users.admin.email) })
        .first()
        .waitFor();
      await page.getByText('Lihat rincian').first().click();
      await screens.capture(page, 'audit-filtered');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Ekspor CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('audit-log.csv');
      const csv = readFileSync((await file.path())!, 'utf8');
      expect(csv.split('\n')[0]).toMatch(/action/);
      expect(csv).toContain(world.users.admin.email);
      await page.getByText('Berkas CSV diunduh.').waitFor();
    },
    LONG,
  );

  it(
    'creates a user, resets their password and deactivates another',
    async () => {
      await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
      await page.getByRole('link', { name: 'Rina Staf Kegiatan Kerja' }).waitFor();
      await screens.capture(page, 'users');

      await page.getByRole('link', { name: 'Tambah pengguna' }).click();
      await page.getByRole('textbox', { name: 'Nama', exact: true }).fill('Siti Rahmawati');
      await page.getByLabel('Email').fill(newUserEmail);
      await page.getByLabel('Peran').selectOption('staff');
      await page.getByLabel('Kata sandi awal').fill('pendek');
      await page.getByRole('button', { name: 'Buat pengguna' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('paling sedikit 10 karakter');
      await page.getByLabel('Kata sandi awal').fill('awal-rahasia-2026');
      await screens.capture(page, 'user-new');
      await page.getByRole('button', { name: 'Buat pengguna' }).click();
      await page.getByText('Pengguna “Siti Rahmawati” dibuat.').waitFor();

      await page.getByRole('link', { name: 'Siti Rahmawati' }).click();
      await page.getByLabel('Kata sandi sementara').fill(temporaryPassword);
      await page.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
      await page.getByText('Kata sandi diatur ulang.').waitFor();
      await screens.capture(page, 'user-edit');

      await page.getByRole('link', { name: /Admin Lapas Uji/ }).click();
      await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
      await screens.capture(page, 'account');

      await goto('#/pengguna');
      await page.getByRole('link', { name: 'Kepala Lapas Uji' }).click();
      await page.getByRole('button', { name: 'Nonaktifkan pengguna' }).click();
      await page.getByText('Pengguna dinonaktifkan.').waitFor();
      await page.getByRole('button', { name: 'Aktifkan kembali' }).click();
      await page.getByText('Pengguna diaktifkan kembali.').waitFor();
      await logOut();
    },
    LONG,
  );

  it(
    'makes a user whose password was reset choose a new one first',
    async () => {
      await logIn(page, newUserEmail, temporaryPassword);
      await page.getByRole('heading', { name: 'Buat kata sandi baru' }).waitFor();
      await screens.capture(page, 'must-change-password');
      await page.getByLabel('Kata sandi saat ini').fill(temporaryPassword);
      await page.getByLabel(/^Kata sandi baru/).fill('milik-siti-sendiri-1');
      await page.getByLabel('Ulangi kata sandi baru').fill('milik-siti-sendiri-1');
      await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await logOut();
    },
    LONG,
  );

  it(
    'lets a national admin choose the institution to act on',
    async () => {
      await logIn(page, world.users.nationalAdmin.email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      expect(await page.locator('.brand-institution').textContent()).toBe('Tingkat nasional');
      await page.getByLabel('Lembaga').selectOption(world.institution.id);
      await page
        .locator('.brand-institution', { hasText: 'Lapas Kelas IIA Uji Peramban' })
        .waitFor();
      await page.getByRole('link', { name: 'Kain Batik Tulis Parang' }).waitFor();
      await screens.capture(page, 'national-institution');
      await page.reload();
      await page
        .locator('.brand-institution', { hasText: 'Lapas Kelas IIA Uji Peramban' })
        .waitFor();
      await page.getByLabel('Lembaga').selectOption('');
      await logOut();
    },
    LONG,
  );

  it(
    'shows a manager the catalogue read-only, with the mobile menu',
    async () => {
      await logIn(page, world.users.manager.email, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Kain Batik Tulis Parang' }).waitFor();
      expect(await page.getByRole('link', { name: 'Tambah produk' }).count()).toBe(0);
      await goto('#/media');
      await page.getByRole('heading', { name: 'Media & Izin' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Unggah foto produk' }).count()).toBe(0);

      await page.setViewportSize({ width: 360, height: 780 });
      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await page.getByRole('link', { name: 'Katalog', exact: true }).click();
      await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      // Moving to another screen folds the menu away again.
      await page.locator('.menu-toggle[aria-expanded="false"]').waitFor();
      await menu.click();
      await page.screenshot({ path: 'test/browser/__screenshots__/admin-mobile-menu-open.png' });
      await logOut();
      expect(problems()).toEqual([]);
    },
    LONG,
  );
});
