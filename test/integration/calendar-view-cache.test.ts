import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeSignedInUser } from '../support/factories';
import { buildCalendarWorld, CalendarWorld, insertPost } from './calendar-support';

// Friday 20 November 2026, 07:00 WIB.
const NOW = new Date('2026-11-20T00:00:00Z');

type Warning = { code: string };
type Entry = {
  postId: string;
  title: string;
  local: { time: string };
  product: { workshop: { name: string } | null } | null;
  blackout: boolean;
  warnings: Warning[];
};

/**
 * Views are cached per process under the institution's calendar version, which the database
 * bumps on commit. Changes here go straight to the database, as another process would make them.
 */
describe('calendar view cache and conflict settings', () => {
  let t: TestApp;
  let w: CalendarWorld;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
    w = await buildCalendarWorld(t);
  });
  afterAll(async () => t?.close());

  const week = (world: CalendarWorld, label: string) =>
    t.http().get(`/api/calendar/week?week=${label}`).set(world.staff.auth);
  const entryOf = async (world: CalendarWorld, label: string, postId: string) => {
    const res = await week(world, label).expect(200);
    return res.body.entries.find((e: Entry) => e.postId === postId) as Entry | undefined;
  };

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const world = await buildCalendarWorld(t);
    const id = await insertPost(t, world, { plannedAt: '2026-12-08T10:00:00+07:00' });
    const first = await week(world, '2026-W50').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    await week(world, '2026-W50').set('If-None-Match', etag).expect(304);
    // Gzipped for clients that take it, the same JSON for those that do not.
    expect(first.headers['content-encoding']).toBe('gzip');
    const plain = await week(world, '2026-W50').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.body).toEqual(first.body);

    await t.dataSource.query(`UPDATE posts SET title = 'Tas rajut' WHERE id = $1`, [id]);
    const after = await week(world, '2026-W50').set('If-None-Match', etag).expect(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body.entries[0].title).toBe('Tas rajut');
  });

  it('shows each change to what the view depends on in the next view', async () => {
    const world = await buildCalendarWorld(t);
    const id = await insertPost(t, world, { plannedAt: '2026-12-08T10:00:00+07:00' });
    expect((await entryOf(world, '2026-W50', id))?.local.time).toBe('10:00');

    // A target re-timed by another process.
    await t.dataSource.query(
      `UPDATE post_targets SET planned_at = '2026-12-08T12:30:00+07:00' WHERE post_id = $1`,
      [id],
    );
    expect((await entryOf(world, '2026-W50', id))?.local.time).toBe('12:30');

    // The workshop's name.
    await t.dataSource.query(`UPDATE workshops SET name = 'Tenun' WHERE id = $1`, [
      world.workshopId,
    ]);
    expect((await entryOf(world, '2026-W50', id))?.product?.workshop?.name).toBe('Tenun');

    // A new post in the week.
    const added = await insertPost(t, world, { plannedAt: '2026-12-09T10:00:00+07:00' });
    expect(await entryOf(world, '2026-W50', added)).toBeDefined();

    // A deleted post.
    await t.dataSource.query(`DELETE FROM post_targets WHERE post_id = $1`, [added]);
    expect(await entryOf(world, '2026-W50', added)).toBeUndefined();
  });

  it('shows a new national blackout in every institution’s next view', async () => {
    const world = await buildCalendarWorld(t);
    const id = await insertPost(t, world, { plannedAt: '2027-03-03T10:00:00+07:00' });
    expect((await entryOf(world, '2027-W09', id))?.blackout).toBe(false);
    const rows: { id: string }[] = await t.dataSource.query(
      `INSERT INTO blackout_dates (institution_id, starts_on, ends_on, kind, label)
       VALUES (NULL, '2027-03-03', '2027-03-03', 'mourning', 'Hari berkabung uji') RETURNING id`,
    );
    try {
      expect((await entryOf(world, '2027-W09', id))?.blackout).toBe(true);
    } finally {
      await t.dataSource.query(`DELETE FROM blackout_dates WHERE id = $1`, [rows[0].id]);
    }
    expect((await entryOf(world, '2027-W09', id))?.blackout).toBe(false);
  });

  it('shows a move made through the API in the next view', async () => {
    const world = await buildCalendarWorld(t);
    const id = await insertPost(t, world, { plannedAt: '2026-12-08T10:00:00+07:00' });
    expect((await entryOf(world, '2026-W50', id))?.local.time).toBe('10:00');
    await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(world.staff.auth)
      .send({ localDate: '2026-12-15', localTime: '09:00' })
      .expect(200);
    expect(await entryOf(world, '2026-W50', id)).toBeUndefined();
    expect((await entryOf(world, '2026-W51', id))?.local.time).toBe('09:00');
  });

  it('starts from the defaults and lets only institution admins change the settings', async () => {
    const world = await buildCalendarWorld(t);
    await t
      .http()
      .get('/api/calendar/settings')
      .set(world.staff.auth)
      .expect(200, { minGapMinutes: 120, productRepeatDays: 7 });
    await t
      .http()
      .put('/api/calendar/settings')
      .set(world.staff.auth)
      .send({ minGapMinutes: 60, productRepeatDays: 3 })
      .expect(403);
    const bad: [Record<string, unknown>, string][] = [
      [{ minGapMinutes: -1, productRepeatDays: 7 }, 'minGapMinutes'],
      [{ minGapMinutes: 1441, productRepeatDays: 7 }, 'minGapMinutes'],
      [{ minGapMinutes: 90.5, productRepeatDays: 7 }, 'minGapMinutes'],
      [{ minGapMinutes: '60', productRepeatDays: 7 }, 'minGapMinutes'],
      [{ minGapMinutes: 60, productRepeatDays: 91 }, 'productRepeatDays'],
      [{ minGapMinutes: 60 }, 'productRepeatDays'],
    ];
    for (const [body, field] of bad) {
      const res = await t
        .http()
        .put('/api/calendar/settings')
        .set(world.admin.auth)
        .send(body)
        .expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    await t
      .http()
      .put('/api/calendar/settings')
      .set(world.admin.auth)
      .send({ minGapMinutes: 60, productRepeatDays: 3 })
      .expect(200, { minGapMinutes: 60, productRepeatDays: 3 });
    await t
      .http()
      .get('/api/calendar/settings')
      .set(world.staff.auth)
      .expect(200, { minGapMinutes: 60, productRepeatDays: 3 });
    const audit: { before: unknown; after: unknown; actor_user_id: string }[] =
      await t.dataSource.query(
        `SELECT before, after, actor_user_id FROM audit_log
         WHERE institution_id = $1 AND entity_type = 'calendar_settings'`,
        [world.institutionId],
      );
    expect(audit).toEqual([
      {
        before: { minGapMinutes: 120, productRepeatDays: 7 },
        after: { minGapMinutes: 60, productRepeatDays: 3 },
        actor_user_id: world.admin.id,
      },
    ]);
    // Another institution keeps its own (default) settings.
    await t
      .http()
      .get('/api/calendar/settings')
      .set(w.staff.auth)
      .expect(200, { minGapMinutes: 120, productRepeatDays: 7 });
  });

  it('checks conflicts with the institution’s gap and product window, in views and moves', async () => {
    const world = await buildCalendarWorld(t);
    await insertPost(t, world, { plannedAt: '2026-12-08T10:00:00+07:00', caption: 'Kaos sablon' });
    const close = await insertPost(t, world, {
      plannedAt: '2026-12-08T11:30:00+07:00',
      caption: 'Tas anyaman pandan',
    });
    const codes = async () =>
      ((await entryOf(world, '2026-W50', close))?.warnings ?? []).map((x) => x.code).sort();
    // 90 minutes apart, same product, same network: both defaults warn.
    expect(await codes()).toEqual(['POSTS_TOO_CLOSE', 'PRODUCT_REPEATED']);

    await t
      .http()
      .put('/api/calendar/settings')
      .set(world.admin.auth)
      .send({ minGapMinutes: 60, productRepeatDays: 0 })
      .expect(200);
    expect(await codes()).toEqual([]);

    await t
      .http()
      .put('/api/calendar/settings')
      .set(world.admin.auth)
      .send({ minGapMinutes: 240, productRepeatDays: 0 })
      .expect(200);
    expect(await codes()).toEqual(['POSTS_TOO_CLOSE']);

    // Moving checks with the same settings: 3 hours apart is within 240 minutes.
    const moved = await t
      .http()
      .post(`/api/calendar/posts/${close}/move`)
      .set(world.staff.auth)
      .send({ localDate: '2026-12-08', localTime: '13:00' })
      .expect(200);
    expect(moved.body.warnings.map((x: Warning) => x.code)).toEqual(['POSTS_TOO_CLOSE']);
  });

  it('lets a national admin set an institution’s settings through X-Institution-Id', async () => {
    const world = await buildCalendarWorld(t);
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
    await t
      .http()
      .put('/api/calendar/settings')
      .set(national.auth)
      .set('X-Institution-Id', world.institutionId)
      .send({ minGapMinutes: 30, productRepeatDays: 14 })
      .expect(200);
    await t
      .http()
      .get('/api/calendar/settings')
      .set(world.staff.auth)
      .expect(200, { minGapMinutes: 30, productRepeatDays: 14 });
  });
});
