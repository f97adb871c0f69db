import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { localDateOf } from '../../src/calendar/local-time';
import { createTestApp, TestApp } from '../support/app';
import { makeSignedInUser } from '../support/factories';
import {
  dashboardTarget,
  dashboardWorld,
  novemberActivity,
  type DashboardWorld,
  type TargetSpec,
} from './reports-fixtures';

/** The month after the current one in WIB: always refused as "in the future". */
function nextMonth(): string {
  const [year, month] = localDateOf(new Date(), 'Asia/Jakarta').split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

describe('dashboards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const world = (timeZone?: string) => dashboardWorld(t, timeZone);
  const target = (w: DashboardWorld, spec: TargetSpec) => dashboardTarget(t, w, spec);
  const november = (w: DashboardWorld) => novemberActivity(t, w);

  function dashboard(user: { auth: Record<string, string> }, month: string) {
    return t.http().get(`/api/dashboard?month=${month}`).set(user.auth);
  }

  it('counts a known month: totals, trend, days, networks, times, reliability, ranking', async () => {
    const w = await world();
    await november(w);
    const res = await dashboard(w.manager, '2026-11').expect(200);
    const d = res.body;
    expect(d.scope).toEqual({
      kind: 'institution',
      institutionId: w.institution.id,
      name: w.institution.name,
      timeZone: 'Asia/Makassar',
    });
    expect(d.month).toBe('2026-11');
    expect(d.previousMonth).toBe('2026-10');
    expect(d.totals).toMatchObject({
      posts: 5,
      reach: 2000,
      views: 1800,
      interactions: 112,
      engagementRate: 105 / 2000,
      clicks: 20,
      clickThroughRate: 0.01,
      salesQuantity: 4,
      salesRevenueIdr: 100_000,
      previous: { posts: 1, reach: 800, interactions: 16 },
      change: { posts: 4, reach: 1.5, interactions: 6 },
    });
    expect(d.daily).toHaveLength(30);
    expect(d.daily[0]).toMatchObject({ day: '2026-11-01', posts: 1, reach: 100 });
    expect(d.daily[1]).toMatchObject({ day: '2026-11-02', posts: 2, reach: 1400 });
    expect(d.daily[9]).toMatchObject({ day: '2026-11-10', posts: 2, interactions: 17 });
    expect(d.daily[2]).toMatchObject({ day: '2026-11-03', posts: 0, engagementRate: null });
    expect(d.networks).toEqual([
      expect.objectContaining({ network: 'instagram', posts: 3, reach: 1600, interactions: 65 }),
      expect.objectContaining({ network: 'facebook', posts: 1, engagementRate: 0.1 }),
      expect.objectContaining({ network: 'x', posts: 1, interactions: 7, engagementRate: null }),
    ]);
    expect(d.networks[0].previous).toMatchObject({ posts: 1, reach: 800 });
    // Local WITA times: Monday 10:00 (two posts), Tuesday 20:00 (two), Sunday 01:00 (one).
    expect(
      d.postingTimes.cells.map((c: { weekday: number; hour: number; posts: number }) => [
        c.weekday,
        c.hour,
        c.posts,
      ]),
    ).toEqual([
      [1, 10, 2],
      [2, 20, 2],
      [7, 1, 1],
    ]);
    expect(d.postingTimes.cells[0].engagementRate).toBeCloseTo(90 / 1400, 10);
    expect(d.reliability).toMatchObject({
      targets: 7,
      published: 5,
      failed: 2,
      onTime: 4,
      onTimeShare: 0.5714,
      onTimeMinutes: 10,
      failuresByReason: [{ reason: 'IG_9004', count: 2 }],
      previous: { targets: 1, onTimeShare: 1, failed: 0 },
    });
    // batik: rates 5%, 10%, 5% over three posts; kopi: one rated post at 2%. Prior 5.5%,
    // too few posts to estimate the spread, so m = 30: batik 101.9, kopi 97.9.
    expect(d.products.count).toBe(2);
    expect(d.products.prior).toEqual({ rate: 0.055, strengthPosts: 30 });
    expect(d.products.top.map((p: { name: string }) => p.name)).toEqual([
      'Batik Lintas 5',
      'Kopi Lapas',
    ]);
    expect(d.products.top[0]).toMatchObject({
      key: w.batik.id,
      posts: 3,
      clicks: 20,
      clickThroughRate: 20 / 1500,
      interestScore: 101.9,
      previous: { posts: 1, interestScore: 100 },
      scoreChange: 1.9,
    });
    expect(d.products.top[1]).toMatchObject({ interestScore: 97.9, salesQuantity: 4 });
    expect(d.products.bottom).toEqual([]);
    expect(d.workshops.top.map((p: { name: string }) => p.name)).toEqual(['Penjahitan', 'Dapur']);
    expect(d.postsPerWorkshop).toEqual([
      expect.objectContaining({ name: 'Penjahitan', posts: 3, previousPosts: 1 }),
      expect.objectContaining({ name: 'Dapur', posts: 2, previousPosts: 0 }),
    ]);
  });

  it('follows new snapshots, and a rebuild of the rollups gives the same dashboard', async () => {
    const w = await world();
    const { late } = await november(w);
    await t.dataSource.query(
      `UPDATE post_target_metrics SET reach = 600, interactions = 30, snapshot_count = 2
       WHERE post_target_id = $1`,
      [late],
    );
    const kept = (await dashboard(w.manager, '2026-11').expect(200)).body;
    expect(kept.totals).toMatchObject({ reach: 2100, interactions: 132 });
    await t.dataSource.query(`SELECT reports_rollups_rebuild('2026-10-01', '2026-11-01')`);
    const rebuilt = (await dashboard(w.manager, '2026-11').expect(200)).body;
    expect(rebuilt).toEqual(kept);
  });

  it('serves a dashboard from its cache until something it shows changes', async () => {
    const w = await world();
    const { late } = await november(w);
    const first = await dashboard(w.manager, '2026-11').expect(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    const again = await dashboard(w.manager, '2026-11').expect(200);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.body).toEqual(first.body);
    await dashboard(w.manager, '2026-11').set('If-None-Match', first.headers.etag).expect(304);
    let etag = first.headers.etag;
    /** The next read, which must be a new dashboard. */
    const changed = async () => {
      const res = await dashboard(w.manager, '2026-11').expect(200);
      expect(res.headers.etag).not.toBe(etag);
      etag = res.headers.etag;
      return res.body;
    };
    // A newer snapshot of a post's metrics.
    await t.dataSource.query(
      `UPDATE post_target_metrics SET reach = 600, interactions = 30, snapshot_count = 2
       WHERE post_target_id = $1`,
      [late],
    );
    expect((await changed()).totals).toMatchObject({ posts: 5, reach: 2100, interactions: 132 });
    // A new published post, and one in the previous month.
    await target(w, {
      productId: w.kopi.id,
      network: 'facebook',
      plannedAt: '2026-11-20T01:00:00Z',
      publishedAt: '2026-11-20T01:00:00Z',
      reach: 100,
      interactions: 10,
    });
    const published = await changed();
    expect(published.totals).toMatchObject({ posts: 6, reach: 2200, interactions: 142 });
    expect(published.reliability).toMatchObject({ targets: 8, published: 6 });
    await target(w, {
      productId: w.kopi.id,
      network: 'x',
      plannedAt: '2026-10-20T01:00:00Z',
      publishedAt: '2026-10-20T01:00:00Z',
      interactions: 4,
    });
    expect((await changed()).totals.previous).toMatchObject({ posts: 2, interactions: 20 });
    // A failed target: publishing figures only.
    await target(w, {
      productId: w.batik.id,
      network: 'instagram',
      plannedAt: '2026-11-21T03:00:00Z',
      errorCode: 'IG_9004',
    });
    expect((await changed()).reliability).toMatchObject({ targets: 9, failed: 3 });
    // A sales import replacing the month's gallery sales.
    await t
      .http()
      .post('/api/sales-imports')
      .set(w.staff.auth)
      .field('source', 'gallery')
      .attach(
        'file',
        Buffer.from(`date,sku,quantity,revenue\n2026-11-05,${w.kopi.sku},7,175.000\n`),
        'galeri.csv',
      )
      .expect(201);
    expect((await changed()).totals).toMatchObject({ salesQuantity: 7, salesRevenueIdr: 175_000 });
    // Renamed products and workshops.
    await t.dataSource.query(`UPDATE products SET name = 'Kopi Toraja' WHERE id = $1`, [w.kopi.id]);
    const renamed = await changed();
    expect(renamed.products.top.map((p: { name: string }) => p.name)).toContain('Kopi Toraja');
    await t.dataSource.query(`UPDATE workshops SET name = 'Tata Boga' WHERE id = $1`, [
      w.kopiWorkshop.id,
    ]);
    const workshops = (await changed()).postsPerWorkshop.map((p: { name: string }) => p.name);
    expect(workshops).toContain('Tata Boga');
    // Another institution's change leaves this dashboard cached.
    const other = await world();
    await november(other);
    expect((await dashboard(w.manager, '2026-11').expect(200)).headers.etag).toBe(etag);
  });

  it("moves a published post's figures with its product, rollups and daily sums alike", async () => {
    const w = await world();
    const { late } = await november(w);
    const daily = async () =>
      Object.fromEntries(
        (
          await t.dataSource.query(
            `SELECT product_id, sum(posts)::int AS posts, sum(reach)::int AS reach,
               sum(reach_known_posts)::int AS known
             FROM metric_daily WHERE institution_id = $1 GROUP BY product_id`,
            [w.institution.id],
          )
        ).map((r: { product_id: string }) => [r.product_id, r]),
      );
    const before = await daily();
    await t.dataSource.query(
      `UPDATE posts SET product_id = $1 WHERE id = (SELECT post_id FROM post_targets WHERE id = $2)`,
      [w.batik.id, late],
    );
    const moved = (await dashboard(w.manager, '2026-11').expect(200)).body;
    // Kopi keeps its X post alone, which has no reach: it is no longer scored.
    expect(moved.products.count).toBe(2);
    expect(moved.products.top).toEqual([
      expect.objectContaining({ name: 'Batik Lintas 5', posts: 4, reach: 2000, interactions: 105 }),
    ]);
    expect(moved.postsPerWorkshop).toEqual([
      expect.objectContaining({ name: 'Penjahitan', posts: 4 }),
      expect.objectContaining({ name: 'Dapur', posts: 1 }),
    ]);
    expect(moved.totals).toMatchObject({ posts: 5, reach: 2000, interactions: 112 });
    const after = await daily();
    const change = (id: string) => ({
      posts: (after[id]?.posts ?? 0) - (before[id]?.posts ?? 0),
      reach: (after[id]?.reach ?? 0) - (before[id]?.reach ?? 0),
      known: (after[id]?.known ?? 0) - (before[id]?.known ?? 0),
    });
    expect(change(w.batik.id)).toEqual({ posts: 1, reach: 500, known: 1 });
    expect(change(w.kopi.id)).toEqual({ posts: -1, reach: -500, known: -1 });
    // Rebuilt from the targets: the same figures, the prior's rate summed in another order.
    await t.dataSource.query(`SELECT reports_rollups_rebuild('2026-10-01', '2026-11-01')`);
    const prior = (ranking: { prior: { rate: number } }) => ({
      ...ranking,
      prior: { ...ranking.prior, rate: expect.closeTo(ranking.prior.rate, 12) },
    });
    expect((await dashboard(w.manager, '2026-11').expect(200)).body).toEqual({
      ...moved,
      products: prior(moved.products),
      workshops: prior(moved.workshops),
    });
  });

  it('refuses malformed, unknown and future months, naming month', async () => {
    const w = await world();
    for (const month of ['abc', '2026-13', '2026-1', '1999-12', '']) {
      const res = await dashboard(w.manager, month).expect(400);
      expect(res.body.field).toBe('month');
    }
    const missing = await t.http().get('/api/dashboard').set(w.manager.auth).expect(400);
    expect(missing.body.field).toBe('month');
    const future = await dashboard(w.manager, nextMonth()).expect(422);
    expect(future.body.field).toBe('month');
  });

  it('keeps dashboards to report readers, and the national roll-up to national roles', async () => {
    const w = await world();
    await dashboard(w.staff, '2026-11').expect(403);
    await t.http().get('/api/dashboard/national?month=2026-11').set(w.manager.auth).expect(403);
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalManager });
    const unchosen = await dashboard(national, '2026-11').expect(400);
    expect(unchosen.body.field).toBe('X-Institution-Id');
    const chosen = await t
      .http()
      .get('/api/dashboard?month=2026-11')
      .set({ ...national.auth, 'X-Institution-Id': w.institution.id })
      .expect(200);
    expect(chosen.body.scope.institutionId).toBe(w.institution.id);
    const future = await t
      .http()
      .get(`/api/dashboard/national?month=${nextMonth()}`)
      .set(national.auth)
      .expect(422);
    expect(future.body.field).toBe('month');
  });

  it('rolls institutions up nationally, ranking products across them', async () => {
    // February 2023: a month no other test writes into, so the national figures are exact.
    const a = await world('Asia/Jakarta');
    const b = await world('Asia/Jayapura');
    await target(a, {
      productId: a.batik.id,
      network: 'instagram',
      plannedAt: '2023-02-06T03:00:00Z',
      publishedAt: '2023-02-06T03:00:00Z',
      reach: 1000,
      interactions: 80,
    });
    await target(b, {
      productId: b.kopi.id,
      network: 'facebook',
      plannedAt: '2023-02-07T03:00:00Z',
      publishedAt: '2023-02-07T03:00:00Z',
      reach: 1000,
      interactions: 20,
    });
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalManager });
    const get = () =>
      t.http().get('/api/dashboard/national?month=2023-02').set(national.auth).expect(200);
    const res = await get();
    expect(res.body.scope).toEqual({ kind: 'national', timeZone: 'Asia/Jakarta' });
    expect(res.body.totals).toMatchObject({ posts: 2, reach: 2000, interactions: 100 });
    expect(res.body.products.top).toEqual([
      expect.objectContaining({ name: 'Batik Lintas 5', institutionId: a.institution.id }),
      expect.objectContaining({ name: 'Kopi Lapas', institutionId: b.institution.id }),
    ]);
    // Each institution's local hour: 10:00 WIB and 12:00 WIT.
    expect(
      res.body.postingTimes.cells.map((c: { weekday: number; hour: number }) => [
        c.weekday,
        c.hour,
      ]),
    ).toEqual([
      [1, 10],
      [2, 12],
    ]);
    // The stored national ranking is read back while nothing changed, and redone after a change.
    expect((await get()).body).toEqual(res.body);
    await target(b, {
      productId: b.kopi.id,
      network: 'instagram',
      plannedAt: '2023-02-08T03:00:00Z',
      publishedAt: '2023-02-08T03:00:00Z',
      reach: 500,
      interactions: 100,
    });
    // Kopi's rates 2% and 20% now beat batik's one 8% (prior 10%, m = 30).
    const changed = (await get()).body;
    expect(changed.totals).toMatchObject({ posts: 3, reach: 2500, interactions: 200 });
    expect(changed.products.top[0]).toMatchObject({ name: 'Kopi Lapas', posts: 2 });
  });
});
