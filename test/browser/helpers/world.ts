import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { Role } from '../../../src/auth/roles';
import { createTestApp, type TestApp, type TestAppOptions } from '../../support/app';
import {
  makeInstitution,
  makeProduct,
  makeSocialAccount,
  makeUser,
  makeWorkshop,
  type InstitutionRow,
  type UserRow,
} from '../../support/factories';
import { launchBrowser, type LaunchedBrowser } from './browser';

export interface BrowserWorld {
  t: TestApp;
  baseUrl: string;
  institution: InstitutionRow;
  users: Record<'staff' | 'approver' | 'admin' | 'manager' | 'nationalAdmin', UserRow>;
  browser: LaunchedBrowser;
  page: Page;
  close: () => Promise<void>;
}

async function named(t: TestApp, user: UserRow, displayName: string): Promise<UserRow> {
  await t.dataSource.query('UPDATE users SET display_name = $1 WHERE id = $2', [
    displayName,
    user.id,
  ]);
  return user;
}

/**
 * The whole app on a real port with a fresh institution (tests never truncate), a few
 * workshops and products, two sandbox accounts, one user per role the tests need, and
 * chromium on a fresh profile. `options` reach the app (e.g. platform fakes' URLs in `env`).
 */
export async function startWorld(options: TestAppOptions = {}): Promise<BrowserWorld> {
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const ds = t.dataSource;
  const institution = await makeInstitution(ds, { name: 'Lapas Kelas IIA Uji Peramban' });
  const batik = await makeWorkshop(ds, institution.id, { name: 'Batik' });
  const sablon = await makeWorkshop(ds, institution.id, { name: 'Sablon' });
  await makeProduct(ds, institution.id, {
    workshopId: batik.id,
    name: 'Kain Batik Tulis Parang',
    sku: `BTK-${institution.slug.slice(-8).toUpperCase()}`,
    priceRupiah: 275_000,
    tags: ['batik', 'kain'],
  });
  await makeProduct(ds, institution.id, {
    workshopId: sablon.id,
    name: 'Kaos Sablon Hari Bakti',
    sku: `SBL-${institution.slug.slice(-8).toUpperCase()}`,
    priceRupiah: 75_000,
    tags: ['kaos'],
  });
  const users = {
    staff: await named(
      t,
      await makeUser(ds, { role: Role.Staff, institutionId: institution.id }),
      'Rina Staf Kegiatan Kerja',
    ),
    approver: await named(
      t,
      await makeUser(ds, { role: Role.Approver, institutionId: institution.id }),
      'Kasi Giatja Uji',
    ),
    admin: await named(
      t,
      await makeUser(ds, { role: Role.Admin, institutionId: institution.id }),
      'Admin Lapas Uji',
    ),
    manager: await named(
      t,
      await makeUser(ds, { role: Role.Manager, institutionId: institution.id }),
      'Kepala Lapas Uji',
    ),
    nationalAdmin: await named(
      t,
      await makeUser(ds, { role: Role.NationalAdmin }),
      'Admin Ditjenpas Uji',
    ),
  };
  // Sandbox accounts: posts "publish" to the sandbox feed, never to a network.
  await makeSocialAccount(ds, institution.id, {
    network: 'instagram',
    displayName: 'Sandbox Instagram Uji',
  });
  await makeSocialAccount(ds, institution.id, { network: 'x', displayName: 'Sandbox X Uji' });
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    institution,
    users,
    browser,
    page,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A product photo without people: a batik cloth drawn as SVG, encoded as JPEG. */
export async function productPhoto(): Promise<Buffer> {
  const dots = Array.from({ length: 48 }, (_, i) => {
    const x = 210 + (i % 8) * 55;
    const y = 170 + Math.floor(i / 8) * 70;
    return `<circle cx="${x}" cy="${y}" r="14" fill="#f2c14e"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700">
    <rect width="900" height="700" fill="#efe6da"/>
    <rect x="170" y="120" width="560" height="460" rx="12" fill="#1d3b6f"/>${dots}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Logs in through the form, as a person would. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/Kata sandi|Password/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Log in)$/ }).click();
}
