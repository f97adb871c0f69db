import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { Role } from '../../src/auth/roles';
import { TrackedLinkService } from '../../src/metrics/links/tracked-link.service';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser, makeSocialAccount } from '../support/factories';

type Json = Record<string, any>;

const BROWSER =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
const OTHER_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const IP = '198.51.100.23';
const SHOP = 'https://www.tokopedia.com/lapas-uji/kaos-sablon-hari-bakti';
// 23:00 in Jakarta on 31 October; the post goes out on 1 November, local time.
const NOW = new Date('2026-10-31T16:00:00Z');
const PLANNED = new Date('2026-10-31T18:00:00Z');

describe('tracked links', () => {
  const clock = new FrozenClock(NOW);
  let t: TestApp;
  let institutionId: string;
  let staff: Awaited<ReturnType<typeof makeSignedInUser>>;
  let productId: string;
  let links: TrackedLinkService;

  const click = (code: string, userAgent: string | null = BROWSER, ip = IP) => {
    const request = t.http().get(`/l/${code}`).set('X-Forwarded-For', ip);
    return userAgent === null ? request : request.set('User-Agent', userAgent);
  };

  const daily = async (code: string): Promise<Json[]> =>
    t.dataSource.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.clicks, d.unique_visitors
       FROM link_clicks_daily d JOIN tracked_links l ON l.id = d.link_id
       WHERE l.code = $1 ORDER BY d.day`,
      [code],
    );

  const makePostTarget = async (
    product: string | null,
    network = 'instagram',
    status = 'scheduled',
  ) => {
    const account = await makeSocialAccount(t.dataSource, institutionId, {
      network: network as 'instagram',
    });
    const [post] = await t.dataSource.query(
      `INSERT INTO posts (institution_id, product_id, title, status, drafted_by, last_edited_by, planned_at)
       VALUES ($1, $2, 'Kaos sablon', $5, $3, $3, $4) RETURNING id`,
      [institutionId, product, staff.id, PLANNED, status],
    );
    const [target] = await t.dataSource.query(
      `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, planned_at,
         next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [post.id, institutionId, account.id, network, PLANNED],
    );
    return { postId: post.id as string, targetId: target.id as string };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    links = t.app.get(TrackedLinkService);
    institutionId = (await makeInstitution(t.dataSource)).id;
    staff = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
    const workshop = await t
      .http()
      .post('/api/workshops')
      .set(staff.auth)
      .send({ name: 'Sablon' })
      .expect(201);
    const product = await t
      .http()
      .post('/api/products')
      .set(staff.auth)
      .send({
        name: 'Kaos Sablon Hari Bakti',
        priceRupiah: 85000,
        sku: `LNK-${Date.now()}`,
        workshopId: workshop.body.id,
        marketplaceLinks: [{ marketplace: 'tokopedia', url: `${SHOP}?utm_source=lama` }],
      })
      .expect(201);
    productId = product.body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives a post target one link to the first listing, tagged network, social, month, post', async () => {
    const { postId, targetId } = await makePostTarget(productId);
    const link = await links.linkForTarget(targetId);
    expect(link?.code).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(link?.shortUrl).toBe(`http://127.0.0.1:3999/l/${link?.code}`);
    expect(await links.linkForTarget(targetId)).toEqual(link);

    const res = await click(link!.code).expect(302);
    expect(res.headers.location).toBe(
      `${SHOP}?utm_source=instagram&utm_medium=social&utm_campaign=2026-11&utm_content=${postId}`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('links every target of a scheduled product post on the tick, and no draft', async () => {
    const scheduled = await makePostTarget(productId, 'facebook');
    const draft = await makePostTarget(productId, 'x', 'draft');
    while ((await links.linkScheduledTargets()) > 0);
    const rows: Json[] = await t.dataSource.query(
      `SELECT post_target_id, kind, partner, created_by FROM tracked_links
       WHERE post_target_id = ANY($1::uuid[])`,
      [[scheduled.targetId, draft.targetId]],
    );
    expect(rows).toEqual([
      { post_target_id: scheduled.targetId, kind: 'post', partner: null, created_by: null },
    ]);
  });

  it('makes no link for a post without a product', async () => {
    const { targetId } = await makePostTarget(null, 'facebook');
    expect(await links.linkForTarget(targetId)).toBeNull();
  });

  it('counts clicks and unique visitors per institution-local day', async () => {
    const { targetId } = await makePostTarget(productId, 'x');
    const { code } = (await links.linkForTarget(targetId))!;
    try {
      await countOverThreeDays(code);
    } finally {
      clock.set(NOW);
    }
  });

  const countOverThreeDays = async (code: string) => {
    await click(code).expect(302);
    await click(code).expect(302);
    await click(code, OTHER_BROWSER).expect(302);
    await click(code, BROWSER, '198.51.100.99').expect(302);
    expect(await daily(code)).toEqual([{ day: '2026-10-31', clicks: 4, unique_visitors: 3 }]);

    // Two hours later it is 1 November in Jakarta: a new day, a new salt, the same visitor new.
    clock.advance(2 * 3600_000);
    await click(code).expect(302);
    expect(await daily(code)).toEqual([
      { day: '2026-10-31', clicks: 4, unique_visitors: 3 },
      { day: '2026-11-01', clicks: 1, unique_visitors: 1 },
    ]);
    const saltDays = async (): Promise<string[]> =>
      (
        await t.dataSource.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM link_visitor_salts
           WHERE day BETWEEN '2026-10-30' AND '2026-11-05' ORDER BY day`,
        )
      ).map((s: Json) => s.day);
    expect(await saltDays()).toEqual(['2026-10-31', '2026-11-01']);

    // Two days on (3 November), the salts and hashes of 31 October and 1 November are gone.
    clock.advance(48 * 3600_000);
    await click(code).expect(302);
    expect(await saltDays()).toEqual(['2026-11-03']);
    const [{ old }] = await t.dataSource.query(
      `SELECT count(*)::int AS old FROM link_visitors WHERE day < '2026-11-02'`,
    );
    expect(old).toBe(0);
  };

  it('redirects bots, link previewers and HEAD requests without counting them', async () => {
    const { targetId } = await makePostTarget(productId, 'facebook');
    const { code } = (await links.linkForTarget(targetId))!;
    await click(code, 'Googlebot/2.1 (+http://www.google.com/bot.html)').expect(302);
    await click(
      code,
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    ).expect(302);
    await click(code, 'curl/8.5.0').expect(302);
    await click(code, null).expect(302);
    await t.http().head(`/l/${code}`).set('User-Agent', BROWSER).expect(302);
    expect(await daily(code)).toEqual([]);
    await click(code).expect(302);
    expect(await daily(code)).toEqual([{ day: '2026-10-31', clicks: 1, unique_visitors: 1 }]);
  });

  it('stores no IP address and no user agent in any column', async () => {
    const { targetId } = await makePostTarget(productId);
    const { code } = (await links.linkForTarget(targetId))!;
    await click(code, BROWSER, '203.0.113.77').expect(302);
    for (const table of [
      'tracked_links',
      'link_clicks_daily',
      'link_visitors',
      'link_visitor_salts',
    ]) {
      const rows: Json[] = await t.dataSource.query(`SELECT * FROM ${table}`);
      expect(rows.length).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      for (const secret of ['203.0.113.77', IP, '198.51.100.99', 'Android 14', 'iPhone']) {
        expect(text).not.toContain(secret);
      }
    }
    const columns: Json[] = await t.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_name IN ('tracked_links', 'link_clicks_daily', 'link_visitors', 'link_visitor_salts')
         AND (column_name ILIKE '%ip%' OR column_name ILIKE '%agent%')`,
    );
    expect(columns).toEqual([]);
  });

  it('answers an unknown or malformed code with a small 404 page in Bahasa Indonesia', async () => {
    for (const code of ['Zz9Zz9Zz', 'x', '..%2F..%2Fetc', '%3Cscript%3E']) {
      const res = await t.http().get(`/l/${code}`).set('User-Agent', BROWSER).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<html lang="id">');
      expect(res.text).toContain('Halaman tidak ditemukan');
      expect(res.text).not.toMatch(/<script|stack|Error:|"code"/);
    }
  });

  it('lets staff make a partner link and lists links with their clicks', async () => {
    const created = await t
      .http()
      .post('/api/links')
      .set(staff.auth)
      .send({ productId, partner: 'Kompas.com' })
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'partner',
      partner: 'Kompas.com',
      productId,
      postTargetId: null,
      createdBy: staff.id,
      destinationUrl: `${SHOP}?utm_source=kompas-com&utm_medium=referral&utm_campaign=2026-10`,
      clicks: 0,
    });
    await click(created.body.code).expect(302);

    const list = await t
      .http()
      .get(`/api/links?kind=partner&productId=${productId}`)
      .set(staff.auth)
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: created.body.id,
      productName: 'Kaos Sablon Hari Bakti',
      clicks: 1,
      uniqueVisitors: 1,
      shortUrl: `http://127.0.0.1:3999/l/${created.body.code}`,
    });

    const audit: Json[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'tracked_link' AND entity_id = $1`,
      [created.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const archived = await t
      .http()
      .post(`/api/links/${created.body.id}/archive`)
      .set(staff.auth)
      .expect(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect(archived.body.clicks).toBe(1);
    const after = await t.http().get('/api/links?kind=partner').set(staff.auth).expect(200);
    expect(after.body.total).toBe(0);
    // Links already handed out keep working.
    await click(created.body.code).expect(302);
  });

  it('refuses a partner link for a product without a listing or of another institution', async () => {
    const bare = await t
      .http()
      .post('/api/products')
      .set(staff.auth)
      .send({
        name: 'Tas Kulit',
        priceRupiah: 120000,
        sku: `BARE-${Date.now()}`,
        workshopId: (
          await t.dataSource.query(`SELECT id FROM workshops WHERE institution_id = $1`, [
            institutionId,
          ])
        )[0].id,
      })
      .expect(201);
    const noListing = await t
      .http()
      .post('/api/links')
      .set(staff.auth)
      .send({ productId: bare.body.id, partner: 'Radar Bogor' })
      .expect(422);
    expect(noListing.body.field).toBe('productId');

    const otherInstitution = (await makeInstitution(t.dataSource)).id;
    const other = await makeSignedInUser(t.dataSource, {
      role: Role.Staff,
      institutionId: otherInstitution,
    });
    const foreign = await t
      .http()
      .post('/api/links')
      .set(other.auth)
      .send({ productId, partner: 'Radar Bogor' })
      .expect(404);
    expect(foreign.body.field).toBe('productId');
    await t.http().post('/api/links').set(staff.auth).send({ productId, partner: '' }).expect(400);
  });
});
