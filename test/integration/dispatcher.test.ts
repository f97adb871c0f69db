import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { createTestApp, TestApp } from '../support/app';
import {
  duePost as makeDuePost,
  NOW,
  type Network,
  type World,
  world as makeWorld,
} from './dispatcher-fixtures';

let t: TestApp;
let dispatcher: DispatcherService;
const world = () => makeWorld(t);
const duePost = (w: World, networks?: Network[]) => makeDuePost(t, w, networks);

beforeAll(async () => {
  // ROLE=api: no tick; the tests run the dispatcher themselves.
  t = await createTestApp({ clock: new FrozenClock(NOW), env: { ROLE: 'api' } });
  dispatcher = t.app.get(DispatcherService);
});

afterAll(async () => {
  await t.close();
});

const targetRows = (postId: string) =>
  t.dataSource.query(
    `SELECT id, status, platform_post_id, permalink, last_error_code FROM post_targets
     WHERE post_id = $1 ORDER BY network`,
    [postId],
  );
const postStatus = async (postId: string) =>
  (await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]))[0].status;

describe('dispatcher', () => {
  it('publishes due sandbox targets into the feed and logs every attempt', async () => {
    const w = await world();
    const { postId, targets } = await duePost(w);
    await dispatcher.runOnce();

    const rows = await targetRows(postId);
    expect(rows.map((r: { status: string }) => r.status)).toEqual([
      'published',
      'published',
      'published',
    ]);
    expect(rows.every((r: { permalink: string | null }) => r.permalink)).toBe(true);
    expect(await postStatus(postId)).toBe('published');

    const feed = await t.http().get('/api/sandbox/feed').set(w.auth).expect(200);
    expect(feed.body.total).toBe(3);
    expect(feed.body.items[0].sandbox).toBe(true);
    expect(feed.body.items.map((i: { postTargetId: string }) => i.postTargetId).sort()).toEqual(
      [...targets].sort(),
    );

    const log = await t.http().get(`/api/posts/${postId}/attempts`).set(w.auth).expect(200);
    expect(log.body.items).toHaveLength(3);
    for (const attempt of log.body.items) {
      expect(attempt).toMatchObject({ kind: 'publish', outcome: 'published', latenessMs: 60_000 });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
      expect(attempt.platformResponse.platformPostId).toEqual(expect.any(String));
    }
  });

  it('publishes a target that is weeks late and logs its whole lateness', async () => {
    const w = await world();
    const { postId, targets } = await duePost(w, ['facebook']);
    const fortyDaysMs = 40 * 24 * 3_600_000;
    const longAgo = new Date(NOW.getTime() - fortyDaysMs);
    await t.dataSource.query(
      `UPDATE post_targets SET planned_at = $2, next_attempt_at = $2 WHERE id = $1`,
      [targets[0], longAgo],
    );
    await dispatcher.runOnce();

    expect((await targetRows(postId))[0].status).toBe('published');
    const log = await t.http().get(`/api/posts/${postId}/attempts`).set(w.auth).expect(200);
    expect(log.body.items[0].latenessMs).toBe(fortyDaysMs);
  });

  it('does not claim the due targets of a paused institution', async () => {
    const w = await world();
    const { postId } = await duePost(w, ['instagram']);
    await t.dataSource.query(
      `INSERT INTO publishing_pauses (institution_id, reason, paused_by, paused_at)
       VALUES ($1, 'Insiden keamanan', $2, $3)`,
      [w.institutionId, w.userId, new Date(NOW.getTime() - 3600_000)],
    );
    await dispatcher.runOnce();
    expect((await targetRows(postId))[0].status).toBe('pending');
    expect(await postStatus(postId)).toBe('scheduled');
  });

  it('holds back a target due inside a blackout and says why', async () => {
    const w = await world();
    const { postId } = await duePost(w, ['facebook']);
    await t.dataSource.query(
      `INSERT INTO blackout_dates (institution_id, starts_on, ends_on, kind, label)
       VALUES ($1, '2026-03-10', '2026-03-10', 'mourning', 'Hari berkabung')`,
      [w.institutionId],
    );
    await dispatcher.runOnce();
    const [row] = await targetRows(postId);
    expect(row).toMatchObject({ status: 'pending', last_error_code: 'blackout' });
  });

  it('reconciles an expired lease instead of publishing twice', async () => {
    const w = await world();
    const { postId, targets } = await duePost(w, ['x']);
    await dispatcher.runOnce();
    // A worker that crashed after the sandbox post was stored, before it recorded the outcome.
    await t.dataSource.query(
      `UPDATE post_targets SET status = 'publishing', platform_post_id = NULL,
         lease_owner = 'dead-worker', lease_expires_at = $2 WHERE id = $1`,
      [targets[0], new Date(NOW.getTime() - 1000)],
    );
    await t.dataSource.query(`UPDATE posts SET status = 'publishing' WHERE id = $1`, [postId]);
    await dispatcher.runOnce();

    const [row] = await targetRows(postId);
    expect(row.status).toBe('published');
    const feed = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM sandbox_posts WHERE post_target_id = $1`,
      [targets[0]],
    );
    expect(feed[0].n).toBe(1);
    const outcomes = await t.dataSource.query(
      `SELECT kind, outcome FROM publish_attempts WHERE post_target_id = $1 ORDER BY seq`,
      [targets[0]],
    );
    expect(outcomes).toEqual([
      { kind: 'publish', outcome: 'published' },
      { kind: 'reconcile', outcome: 'reconciled_found' },
    ]);
    expect(await postStatus(postId)).toBe('published');
  });

  it('publishes each target once when two runs race', async () => {
    const w = await world();
    const posts = await Promise.all([duePost(w), duePost(w), duePost(w)]);
    await Promise.all([dispatcher.runOnce(), dispatcher.runOnce()]);
    const ids = posts.flatMap((p) => p.targets);
    const counts: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM publish_attempts WHERE post_target_id = ANY($1::uuid[])
       GROUP BY post_target_id`,
      [ids],
    );
    expect(counts).toHaveLength(ids.length);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    const feed = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM sandbox_posts WHERE post_target_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(feed[0].n).toBe(ids.length);
  });
});
