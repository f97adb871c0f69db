import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { PublishingPauseService } from '../../src/calendar/pause.service';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeSignedInUser } from '../support/factories';
import { holdLock, lockWaiters } from '../support/lock-waits';
import { buildCalendarWorld, CalendarWorld, insertPost } from './calendar-support';

// Friday 20 November 2026, 07:00 WIB.
const NOW = new Date('2026-11-20T00:00:00Z');
const HOUR = 60 * 60 * 1000;

type Target = { plannedAt: string };

describe('posting slots, the queue and pausing', () => {
  let t: TestApp;
  let clock: FrozenClock;
  let w: CalendarWorld;

  beforeAll(async () => {
    clock = new FrozenClock(NOW);
    t = await createTestApp({ clock });
    w = await buildCalendarWorld(t);
  });
  afterAll(async () => t?.close());

  const setSlots = (world: CalendarWorld, slots: object[]) =>
    t
      .http()
      .put(`/api/social-accounts/${world.accountId}/slots`)
      .set(world.staff.auth)
      .send({ slots });
  const queue = (world: CalendarWorld, postId: string) =>
    t.http().post(`/api/posts/${postId}/queue`).set(world.staff.auth);

  it('replaces slots and refuses 24:00 naming the slot', async () => {
    const bad = await setSlots(w, [
      { weekday: 1, time: '10:00' },
      { weekday: 3, time: '24:00' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('slots[1].time');
    await setSlots(w, [
      { weekday: 3, time: '10:00' },
      { weekday: 1, time: '10:00' },
    ]).expect(200);
    const res = await t
      .http()
      .get(`/api/social-accounts/${w.accountId}/slots`)
      .set(w.staff.auth)
      .expect(200);
    expect(res.body.slots).toEqual([
      { weekday: 1, time: '10:00' },
      { weekday: 3, time: '10:00' },
    ]);
  });

  it('queues into the next free slot, skipping blackouts and taken slots', async () => {
    const world = await buildCalendarWorld(t);
    await setSlots(world, [
      { weekday: 1, time: '10:00' },
      { weekday: 3, time: '10:00' },
    ]).expect(200);
    // Monday 23 November is blacked out; Wednesday 25 November 10:00 is already taken.
    await t
      .http()
      .post('/api/blackouts')
      .set(world.admin.auth)
      .send({ startDate: '2026-11-23', kind: 'incident', label: 'Gangguan keamanan' })
      .expect(201);
    await insertPost(t, world, { plannedAt: '2026-11-25T10:00:00+07:00' });
    const id = await insertPost(t, world, { status: 'approved' });
    const res = await queue(world, id).expect(200);
    expect(res.body).toMatchObject({ status: 'scheduled', plannedAt: '2026-11-30T03:00:00.000Z' });
    expect(res.body.targets[0].local).toMatchObject({ date: '2026-11-30', time: '10:00' });
    const draft = await insertPost(t, world, { status: 'draft' });
    await queue(world, draft).expect(409);
  });

  it('gives two concurrent add-to-queue requests different slots', async () => {
    const world = await buildCalendarWorld(t);
    await setSlots(world, [
      { weekday: 1, time: '10:00' },
      { weekday: 3, time: '10:00' },
    ]).expect(200);
    const a = await insertPost(t, world, { status: 'approved' });
    const b = await insertPost(t, world, { status: 'approved' });
    const [ra, rb] = await Promise.all([queue(world, a), queue(world, b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const slots = [ra.body.targets[0].plannedAt, rb.body.targets[0].plannedAt].sort();
    expect(slots).toEqual(['2026-11-23T03:00:00.000Z', '2026-11-25T03:00:00.000Z']);

    const list = await t
      .http()
      .get(`/api/social-accounts/${world.accountId}/queue`)
      .set(world.staff.auth)
      .expect(200);
    const first = list.body.items[0].postId as string;
    const second = list.body.items[1].postId as string;
    const reordered = await t
      .http()
      .post(`/api/social-accounts/${world.accountId}/queue/reorder`)
      .set(world.staff.auth)
      .send({ postIds: [second, first] })
      .expect(200);
    expect(reordered.body.items.map((i: { postId: string }) => i.postId)).toEqual([second, first]);
    expect(reordered.body.items.map((i: Target) => i.plannedAt)).toEqual(slots);
    const wrong = await t
      .http()
      .post(`/api/social-accounts/${world.accountId}/queue/reorder`)
      .set(world.staff.auth)
      .send({ postIds: [first] })
      .expect(400);
    expect(wrong.body.field).toBe('postIds');
    const shuffled = await t
      .http()
      .post(`/api/social-accounts/${world.accountId}/queue/shuffle`)
      .set(world.staff.auth)
      .expect(200);
    expect(shuffled.body.items.map((i: Target) => i.plannedAt)).toEqual(slots);
  });

  // PostgreSQL only: the interleaving needs transactions on connections of their own.
  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    'reorders a queue while one of its posts is added to the queue again',
    async () => {
      const world = await buildCalendarWorld(t);
      await setSlots(world, [
        { weekday: 1, time: '10:00' },
        { weekday: 3, time: '10:00' },
      ]).expect(200);
      const a = await insertPost(t, world, { status: 'approved' });
      const b = await insertPost(t, world, { status: 'approved' });
      await queue(world, a).expect(200);
      await queue(world, b).expect(200);

      // Queuing `a` again stops at the blackout check holding the post; the reorder then moves
      // both queued targets and comes to the posts.
      const blackouts = await holdLock(`LOCK TABLE blackout_dates IN ACCESS EXCLUSIVE MODE`);
      const requeued = queue(world, a).then((res) => res);
      await lockWaiters(t.dataSource, blackouts, 1);
      const reordered = t
        .http()
        .post(`/api/social-accounts/${world.accountId}/queue/reorder`)
        .set(world.staff.auth)
        .send({ postIds: [b, a] })
        .then((res) => res);
      await lockWaiters(t.dataSource, blackouts, 2);
      await blackouts.release();

      expect([(await requeued).status, (await reordered).status]).toEqual([200, 200]);
      expect((await reordered).body.items.map((i: { postId: string }) => i.postId)).toEqual([b, a]);
    },
  );

  it("answers 404 for another institution's account and post", async () => {
    const other = await buildCalendarWorld(t);
    const id = await insertPost(t, other, { status: 'approved' });
    await queue(w, id).expect(404);
    await t
      .http()
      .get(`/api/social-accounts/${other.accountId}/queue`)
      .set(w.staff.auth)
      .expect(404);
    await setSlots({ ...other, staff: w.staff }, [{ weekday: 1, time: '10:00' }]).expect(404);
  });

  it('pauses, lists what fell due, and resumes with a decision per post', async () => {
    const world = await buildCalendarWorld(t);
    const pauses = t.app.get(PublishingPauseService);
    const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();
    const publish = await insertPost(t, world, { plannedAt: at(1) });
    const reschedule = await insertPost(t, world, { plannedAt: at(2) });
    const cancel = await insertPost(t, world, { plannedAt: at(3) });
    await insertPost(t, world, { plannedAt: at(100) });
    try {
      await t
        .http()
        .post('/api/publishing/pause')
        .set(world.staff.auth)
        .send({ reason: 'Insiden keamanan' })
        .expect(403);
      await t
        .http()
        .post('/api/publishing/pause')
        .set(world.admin.auth)
        .send({ reason: 'Insiden keamanan' })
        .expect(201);
      expect(await pauses.isPaused(world.institutionId)).toBe(true);
      expect(await pauses.isPaused(w.institutionId)).toBe(false);
      const state = await t.http().get('/api/publishing/pause').set(world.staff.auth).expect(200);
      expect(state.body).toMatchObject({ paused: true, pauses: [{ reason: 'Insiden keamanan' }] });
      clock.advance(6 * HOUR);
      const due = await t.http().get('/api/publishing/pause/due').set(world.admin.auth).expect(200);
      expect(due.body.items.map((i: { postId: string }) => i.postId)).toEqual([
        publish,
        reschedule,
        cancel,
      ]);
      const res = await t
        .http()
        .post('/api/publishing/resume')
        .set(world.admin.auth)
        .send({
          decisions: [
            { postId: publish, action: 'publish_now' },
            { postId: reschedule, action: 'reschedule', plannedAt: '2026-12-01T10:00:00+07:00' },
            { postId: cancel, action: 'cancel' },
          ],
        })
        .expect(200);
      expect(res.body.decisions).toHaveLength(3);
      expect(await pauses.isPaused(world.institutionId)).toBe(false);
      const rows: { id: string; status: string; planned_at: Date }[] = await t.dataSource.query(
        `SELECT id, status, planned_at FROM posts WHERE id = ANY($1)`,
        [[publish, reschedule, cancel]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(new Date(byId.get(publish)!.planned_at).toISOString()).toBe(at(6));
      expect(new Date(byId.get(reschedule)!.planned_at).toISOString()).toBe(
        '2026-12-01T03:00:00.000Z',
      );
      expect(byId.get(cancel)!.status).toBe('cancelled');
      const audit: { action: string }[] = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_type = 'publishing_pause' AND institution_id = $1
         ORDER BY id`,
        [world.institutionId],
      );
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    } finally {
      clock.set(NOW);
    }
  });

  // PostgreSQL only: the interleaving needs transactions on connections of their own.
  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    "resumes with decisions in any order while the posts' product is archived",
    async () => {
      const world = await buildCalendarWorld(t);
      const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();
      const posts = [
        await insertPost(t, world, { plannedAt: at(1) }),
        await insertPost(t, world, { plannedAt: at(2) }),
      ].sort();
      await t
        .http()
        .post('/api/publishing/pause')
        .set(world.admin.auth)
        .send({ reason: 'Insiden keamanan' })
        .expect(201);
      clock.advance(6 * HOUR);
      try {
        // The resume decides the later post first and stops at its blackout check holding it;
        // the archive then locks the posts of the product in id order.
        const blackouts = await holdLock(`LOCK TABLE blackout_dates IN ACCESS EXCLUSIVE MODE`);
        const resumed = t
          .http()
          .post('/api/publishing/resume')
          .set(world.admin.auth)
          .send({
            decisions: [
              { postId: posts[1], action: 'reschedule', plannedAt: '2026-12-01T10:00:00+07:00' },
              { postId: posts[0], action: 'publish_now' },
            ],
          })
          .then((res) => res);
        await lockWaiters(t.dataSource, blackouts, 1);
        const archived = t
          .http()
          .post(`/api/products/${world.productId}/archive`)
          .set(world.staff.auth)
          .then((res) => res);
        await lockWaiters(t.dataSource, blackouts, 2);
        await blackouts.release();

        expect([(await resumed).status, (await archived).status]).toEqual([200, 200]);
        const rows: { status: string }[] = await t.dataSource.query(
          `SELECT status FROM posts WHERE id = ANY($1)`,
          [posts],
        );
        expect(rows.map((r) => r.status)).toEqual(['draft', 'draft']);
      } finally {
        clock.set(NOW);
      }
    },
  );

  it("applies a national admin's pause to every institution", async () => {
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
    const pauses = t.app.get(PublishingPauseService);
    await t
      .http()
      .post('/api/publishing/pause')
      .set(w.admin.auth)
      .send({ reason: 'Semua lembaga', allInstitutions: true })
      .expect(403);
    await t
      .http()
      .post('/api/publishing/pause')
      .set(national.auth)
      .send({ reason: 'Insiden nasional', allInstitutions: true })
      .expect(201);
    try {
      expect(await pauses.isPaused(w.institutionId)).toBe(true);
      const state = await t.http().get('/api/publishing/pause').set(w.staff.auth).expect(200);
      expect(state.body.pauses[0]).toMatchObject({ national: true, reason: 'Insiden nasional' });
    } finally {
      await t
        .http()
        .post('/api/publishing/resume')
        .set(national.auth)
        .send({ decisions: [], allInstitutions: true })
        .expect(200);
    }
    expect(await pauses.isPaused(w.institutionId)).toBe(false);
  });
});
