/**
 * A known month of activity for the dashboard and report tests: an institution with two
 * workshops, a product each and three accounts, and November 2026 as reports-dashboard.test.ts
 * documents it (with one October post).
 */
import { Role } from '../../src/auth/roles';
import type { TestApp } from '../support/app';
import {
  makeInstitution,
  makeProduct,
  makeSignedInUser,
  makeSocialAccount,
  makeWorkshop,
} from '../support/factories';

export type Network = 'instagram' | 'facebook' | 'x';

export interface TargetSpec {
  productId: string;
  network: Network;
  plannedAt: string;
  publishedAt?: string;
  errorCode?: string;
  reach?: number | null;
  views?: number | null;
  interactions?: number | null;
}

/** An institution in WITA (UTC+8) with two workshops, a product each and three accounts. */
export async function dashboardWorld(t: TestApp, timeZone = 'Asia/Makassar') {
  const ds = t.dataSource;
  const institution = await makeInstitution(ds, { timeZone });
  const staff = await makeSignedInUser(ds, { role: Role.Staff, institutionId: institution.id });
  const manager = await makeSignedInUser(ds, {
    role: Role.Manager,
    institutionId: institution.id,
  });
  const batikWorkshop = await makeWorkshop(ds, institution.id, { name: 'Penjahitan' });
  const kopiWorkshop = await makeWorkshop(ds, institution.id, { name: 'Dapur' });
  const batik = await makeProduct(ds, institution.id, {
    workshopId: batikWorkshop.id,
    name: 'Batik Lintas 5',
  });
  const kopi = await makeProduct(ds, institution.id, {
    workshopId: kopiWorkshop.id,
    name: 'Kopi Lapas',
  });
  const accounts = {
    instagram: await makeSocialAccount(ds, institution.id, { network: 'instagram' }),
    facebook: await makeSocialAccount(ds, institution.id, { network: 'facebook' }),
    x: await makeSocialAccount(ds, institution.id, { network: 'x' }),
  };
  return { institution, staff, manager, batik, kopi, batikWorkshop, kopiWorkshop, accounts };
}
export type DashboardWorld = Awaited<ReturnType<typeof dashboardWorld>>;

/** A post with one target; a published one gets its latest metrics as the collector keeps them. */
export async function dashboardTarget(
  t: TestApp,
  w: DashboardWorld,
  spec: TargetSpec,
): Promise<string> {
  const rows: { id: string; postId: string }[] = await t.dataSource.query(
    `WITH p AS (
       INSERT INTO posts (institution_id, product_id, title, status, drafted_by, last_edited_by)
       VALUES ($1, $2, 'Uji dasbor', $3, $4, $4) RETURNING id)
     INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status,
       planned_at, published_at, last_error_code)
     SELECT p.id, $1, $5, $6, $7, $8, $9, $10 FROM p RETURNING id, post_id AS "postId"`,
    [
      w.institution.id,
      spec.productId,
      spec.publishedAt ? 'published' : 'failed',
      w.staff.id,
      w.accounts[spec.network].id,
      spec.network,
      spec.publishedAt ? 'published' : 'failed',
      spec.plannedAt,
      spec.publishedAt ?? null,
      spec.errorCode ?? null,
    ],
  );
  if (spec.publishedAt) {
    await t.dataSource.query(
      `INSERT INTO post_target_metrics (post_target_id, institution_id, post_id, social_account_id,
         network, product_id, workshop_id, published_at, published_day, reach, views, interactions,
         snapshot_count)
       SELECT $1, $2, $3, $4, $5, p.id, p.workshop_id, $7::timestamptz,
         ($7::timestamptz AT TIME ZONE i.time_zone)::date, $8, $9, $10, 1
       FROM products p JOIN institutions i ON i.id = p.institution_id WHERE p.id = $6`,
      [
        rows[0].id,
        w.institution.id,
        rows[0].postId,
        w.accounts[spec.network].id,
        spec.network,
        spec.productId,
        spec.publishedAt,
        spec.reach ?? null,
        spec.views ?? null,
        spec.interactions ?? null,
      ],
    );
  }
  return rows[0].id;
}

/** November 2026 as reports-dashboard.test.ts documents it, plus one October post. */
export async function novemberActivity(t: TestApp, w: DashboardWorld) {
  const b = w.batik.id;
  const k = w.kopi.id;
  const first = await dashboardTarget(t, w, {
    productId: b,
    network: 'instagram',
    plannedAt: '2026-11-02T02:00:00Z',
    publishedAt: '2026-11-02T02:00:00Z',
    reach: 1000,
    views: 1500,
    interactions: 50,
  });
  await dashboardTarget(t, w, {
    productId: b,
    network: 'facebook',
    plannedAt: '2026-11-02T02:00:00Z',
    publishedAt: '2026-11-02T02:05:00Z',
    reach: 400,
    interactions: 40,
  });
  // 00:00 WITA on 1 November is still 31 October in UTC.
  await dashboardTarget(t, w, {
    productId: b,
    network: 'instagram',
    plannedAt: '2026-10-31T17:00:00Z',
    publishedAt: '2026-10-31T17:00:00Z',
    reach: 100,
    interactions: 5,
  });
  const late = await dashboardTarget(t, w, {
    productId: k,
    network: 'instagram',
    plannedAt: '2026-11-10T12:00:00Z',
    publishedAt: '2026-11-10T12:30:00Z',
    reach: 500,
    interactions: 10,
  });
  // X gives no reach: its interactions count, its engagement rate is unknown.
  await dashboardTarget(t, w, {
    productId: k,
    network: 'x',
    plannedAt: '2026-11-10T12:00:00Z',
    publishedAt: '2026-11-10T12:00:00Z',
    views: 300,
    interactions: 7,
  });
  for (const day of ['15', '16']) {
    await dashboardTarget(t, w, {
      productId: k,
      network: 'instagram',
      plannedAt: `2026-11-${day}T03:00:00Z`,
      errorCode: 'IG_9004',
    });
  }
  await dashboardTarget(t, w, {
    productId: b,
    network: 'instagram',
    plannedAt: '2026-10-05T02:00:00Z',
    publishedAt: '2026-10-05T02:00:00Z',
    reach: 800,
    interactions: 16,
  });
  const links: { id: string }[] = await t.dataSource.query(
    `INSERT INTO tracked_links (institution_id, code, kind, product_id, post_target_id, destination_url)
     VALUES ($1, $2, 'post', $3, $4, 'https://www.tokopedia.com/lapas/batik') RETURNING id`,
    [w.institution.id, `d${first.replace(/-/g, '').slice(0, 11)}`, b, first],
  );
  await t.dataSource.query(
    `INSERT INTO link_clicks_daily (link_id, institution_id, day, clicks, unique_visitors)
     VALUES ($1, $2, '2026-11-03', 20, 15)`,
    [links[0].id, w.institution.id],
  );
  await t
    .http()
    .post('/api/sales-imports')
    .set(w.staff.auth)
    .field('source', 'gallery')
    .attach(
      'file',
      Buffer.from(`date,sku,quantity,revenue\n2026-11-05,${w.kopi.sku},4,100.000\n`),
      'galeri.csv',
    )
    .expect(201);
  return { late };
}
