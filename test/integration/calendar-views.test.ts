import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { buildCalendarWorld, CalendarWorld, insertPost } from './calendar-support';

// Friday 20 November 2026, 07:00 WIB.
const NOW = new Date('2026-11-20T00:00:00Z');

type Entry = { postId: string; local: { date: string; time: string }; blackout: boolean };

describe('calendar views, moving and blackouts', () => {
  let t: TestApp;
  let w: CalendarWorld;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
    w = await buildCalendarWorld(t);
  });
  afterAll(async () => t?.close());

  const week = (world: CalendarWorld, label: string, query = '') =>
    t.http().get(`/api/calendar/week?week=${label}${query}`).set(world.staff.auth);

  it.each([
    ['Asia/Jakarta', '+07:00'],
    ['Asia/Makassar', '+08:00'],
    ['Asia/Jayapura', '+09:00'],
  ])('puts 23:30 Sunday and 00:15 Monday in the right ISO week (%s)', async (zone, offset) => {
    const world = await buildCalendarWorld(t, zone);
    const sunday = await insertPost(t, world, { plannedAt: `2026-12-06T23:30:00${offset}` });
    const monday = await insertPost(t, world, { plannedAt: `2026-12-07T00:15:00${offset}` });
    const saved = process.env.TZ;
    try {
      for (const processZone of ['America/New_York', 'UTC']) {
        process.env.TZ = processZone;
        const w49 = await week(world, '2026-W49').expect(200);
        const w50 = await week(world, '2026-W50').expect(200);
        expect(w49.body.entries.map((e: Entry) => e.postId)).toEqual([sunday]);
        expect(w50.body.entries.map((e: Entry) => e.postId)).toEqual([monday]);
        expect(w49.body.entries[0].local).toMatchObject({ date: '2026-12-06', time: '23:30' });
        expect(w50.body.entries[0].local).toMatchObject({ date: '2026-12-07', time: '00:15' });
        expect(w49.body.days[0].date).toBe('2026-11-30');
      }
    } finally {
      process.env.TZ = saved;
    }
  });

  it('refuses a week that does not exist, naming the field', async () => {
    const res = await week(w, '2026-W54').expect(400);
    expect(res.body.field).toBe('week');
    const month = await t.http().get('/api/calendar/month?month=2026-13').set(w.staff.auth);
    expect(month.status).toBe(400);
    expect(month.body.field).toBe('month');
  });

  it('shows a month with product, account, blackout days and filters', async () => {
    const id = await insertPost(t, w, { plannedAt: '2026-12-02T10:00:00+07:00' });
    const res = await t
      .http()
      .get(`/api/calendar/month?month=2026-12&productId=${w.productId}`)
      .set(w.staff.auth)
      .expect(200);
    const entry = res.body.entries.find((e: Entry) => e.postId === id);
    expect(entry).toMatchObject({
      status: 'scheduled',
      network: 'instagram',
      account: { id: w.accountId },
      product: { id: w.productId, workshop: { id: w.workshopId } },
      plannedAt: '2026-12-02T03:00:00.000Z',
      blackout: false,
    });
    const christmas = res.body.days.find((d: { date: string }) => d.date === '2026-12-25');
    expect(christmas.blackouts[0]).toMatchObject({ kind: 'holiday', national: true });
    const filtered = await t
      .http()
      .get('/api/calendar/month?month=2026-12&network=facebook')
      .set(w.staff.auth)
      .expect(200);
    expect(filtered.body.entries).toEqual([]);
  });

  it("shows a draft's untimed targets at the post's planned time", async () => {
    const world = await buildCalendarWorld(t);
    const id = await insertPost(t, world, {
      status: 'draft',
      plannedAt: '2026-12-09T19:00:00+07:00',
    });
    await t.dataSource.query(`UPDATE post_targets SET planned_at = NULL WHERE post_id = $1`, [id]);
    const res = await week(world, '2026-W50').expect(200);
    expect(res.body.entries).toEqual([
      expect.objectContaining({
        postId: id,
        status: 'draft',
        plannedAt: '2026-12-09T12:00:00.000Z',
        local: expect.objectContaining({ date: '2026-12-09', time: '19:00' }),
      }),
    ]);
    expect((await week(world, '2026-W51').expect(200)).body.entries).toEqual([]);
  });

  it('refuses scheduling and moving into a blackout with 422 naming plannedAt', async () => {
    const id = await insertPost(t, w, { status: 'approved' });
    const scheduled = await t
      .http()
      .post(`/api/posts/${id}/schedule`)
      .set(w.staff.auth)
      .send({ plannedAt: '2026-12-25T10:00:00+07:00' })
      .expect(422);
    expect(scheduled.body.field).toBe('plannedAt');
    expect(scheduled.body.message).toMatch(/Natal|Christmas/);
    const moved = await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(w.staff.auth)
      .send({ localDate: '2026-12-25', localTime: '10:00' })
      .expect(422);
    expect(moved.body.field).toBe('plannedAt');
  });

  it('moves a post by local date and time, refusing the past and bad times', async () => {
    const id = await insertPost(t, w, { plannedAt: '2026-12-01T10:00:00+07:00' });
    const past = await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(w.staff.auth)
      .send({ plannedAt: '2026-11-19T10:00:00+07:00' })
      .expect(400);
    expect(past.body.field).toBe('plannedAt');
    const badTime = await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(w.staff.auth)
      .send({ localDate: '2026-12-03', localTime: '24:00' })
      .expect(400);
    expect(badTime.body.field).toBe('localTime');
    const res = await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(w.staff.auth)
      .send({ localDate: '2026-12-03', localTime: '19:30' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'scheduled',
      plannedAt: '2026-12-03T12:30:00.000Z',
      local: { date: '2026-12-03', time: '19:30' },
    });
    const targets: { planned_at: Date }[] = await t.dataSource.query(
      `SELECT planned_at FROM post_targets WHERE post_id = $1`,
      [id],
    );
    expect(new Date(targets[0].planned_at).toISOString()).toBe('2026-12-03T12:30:00.000Z');
    const audit: { after: { event: string } }[] = await t.dataSource.query(
      `SELECT after FROM audit_log WHERE entity_type = 'post' AND entity_id = $1`,
      [id],
    );
    expect(audit.map((a) => a.after.event)).toEqual(['move']);
  });

  it('warns (not refuses) when two posts on one account are too close', async () => {
    await insertPost(t, w, { plannedAt: '2026-12-09T10:00:00+07:00', caption: 'Kaos sablon' });
    const id = await insertPost(t, w, { plannedAt: '2026-12-10T10:00:00+07:00' });
    const res = await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(w.staff.auth)
      .send({ plannedAt: '2026-12-09T11:00:00+07:00' })
      .expect(200);
    const codes = res.body.warnings.map((x: { code: string }) => x.code);
    expect(codes).toContain('POSTS_TOO_CLOSE');
    const view = await week(w, '2026-W50').expect(200);
    const entry = view.body.entries.find((e: Entry) => e.postId === id);
    expect(entry.warnings.length).toBeGreaterThan(0);
  });

  it('flags posts already planned inside a new blackout, and audits it', async () => {
    const id = await insertPost(t, w, { plannedAt: '2026-12-15T10:00:00+07:00' });
    const res = await t
      .http()
      .post('/api/blackouts')
      .set(w.admin.auth)
      .send({ startDate: '2026-12-15', kind: 'mourning', label: 'Hari berkabung' })
      .expect(201);
    expect(res.body.flaggedPostIds).toEqual([id]);
    const view = await week(w, '2026-W51').expect(200);
    expect(view.body.entries.find((e: Entry) => e.postId === id).blackout).toBe(true);
    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'blackout_date' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const list = await t
      .http()
      .get('/api/blackouts?from=2026-12-01&to=2026-12-31')
      .set(w.staff.auth)
      .expect(200);
    const labels = list.body.items.map((b: { label: string }) => b.label);
    expect(labels).toEqual(expect.arrayContaining(['Hari berkabung']));
    expect(list.body.items.some((b: { national: boolean }) => b.national)).toBe(true);
    await t.http().delete(`/api/blackouts/${res.body.id}`).set(w.admin.auth).expect(204);
  });

  it('lets only national admins create national blackouts', async () => {
    await t
      .http()
      .post('/api/blackouts')
      .set(w.admin.auth)
      .send({ startDate: '2026-12-16', kind: 'incident', label: 'Uji', national: true })
      .expect(403);
  });

  it("answers 404 for another institution's post and blackout", async () => {
    const other = await buildCalendarWorld(t);
    const id = await insertPost(t, other, { plannedAt: '2026-12-01T10:00:00+07:00' });
    await t
      .http()
      .post(`/api/calendar/posts/${id}/move`)
      .set(w.staff.auth)
      .send({ plannedAt: '2026-12-02T10:00:00+07:00' })
      .expect(404);
    const blackout = await t
      .http()
      .post('/api/blackouts')
      .set(other.admin.auth)
      .send({ startDate: '2026-12-17', kind: 'incident', label: 'Insiden' })
      .expect(201);
    await t
      .http()
      .patch(`/api/blackouts/${blackout.body.id}`)
      .set(w.admin.auth)
      .send({ label: 'x' })
      .expect(404);
  });
});
