import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { DispatchQueueRepository } from '../../src/publishing/dispatcher/dispatch-queue.repository';
import { DispatcherRepository } from '../../src/publishing/dispatcher/dispatcher.repository';
import { PublishedEntry, TargetOutcomes } from '../../src/publishing/dispatcher/target-outcomes';
import { createTestApp, TestApp } from '../support/app';
import { duePost, NOW, world } from './dispatcher-fixtures';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: new FrozenClock(NOW), env: { ROLE: 'api' } });
});

afterAll(async () => {
  await t.close();
});

/** Claims the post's targets and starts a publish attempt for each, as the dispatcher does. */
async function claimedEntries(postId: string): Promise<PublishedEntry[]> {
  const queue = t.app.get(DispatchQueueRepository);
  const repo = t.app.get(DispatcherRepository);
  const claimed = (
    await queue.claim('outcomes-test', NOW, new Date(NOW.getTime() + 60_000), {
      limit: 100,
      perAccount: 4,
      networks: ['instagram', 'facebook', 'x'],
      room: [100, 100, 100],
    })
  ).filter((target) => target.postId === postId);
  return Promise.all(
    claimed.map(async (target, i) => ({
      target,
      attemptId: await repo.startAttempt({
        institutionId: target.institutionId,
        postTargetId: target.id,
        attemptNo: target.attemptCount,
        kind: 'publish',
        worker: 'outcomes-test',
        startedAt: NOW,
        latenessMs: 60_000,
      }),
      attempt: {
        outcome: 'published',
        finishedAt: NOW,
        durationMs: 100 + i,
        platformResponse: { platformPostId: `p-${i}` },
        errorCode: null,
        errorMessage: null,
      },
      post: {
        platformPostId: `p-${i}`,
        permalink: `https://example.test/p-${i}`,
        publishedAt: NOW,
      },
      sandbox: null,
    })),
  );
}

const targetsOf = (postId: string) =>
  t.dataSource.query(
    `SELECT t.status, t.platform_post_id, a.outcome, a.duration_ms
     FROM post_targets t JOIN publish_attempts a ON a.post_target_id = t.id
     WHERE t.post_id = $1 ORDER BY t.platform_post_id`,
    [postId],
  );
const postStatus = async (postId: string) =>
  (await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]))[0].status;

describe('recording published targets', () => {
  it('records each published target with its attempt and audit row, then finishes the post', async () => {
    const w = await world(t);
    const { postId } = await duePost(t, w);
    const entries = await claimedEntries(postId);
    expect(entries).toHaveLength(3);

    const outcomes = t.app.get(TargetOutcomes);
    await Promise.all(entries.map((entry) => outcomes.published(entry)));

    expect(await targetsOf(postId)).toEqual([
      { status: 'published', platform_post_id: 'p-0', outcome: 'published', duration_ms: 100 },
      { status: 'published', platform_post_id: 'p-1', outcome: 'published', duration_ms: 101 },
      { status: 'published', platform_post_id: 'p-2', outcome: 'published', duration_ms: 102 },
    ]);
    expect(await postStatus(postId)).toBe('published');
    const [{ audited }] = await t.dataSource.query(
      `SELECT count(*)::int AS audited FROM audit_log
       WHERE entity_type = 'post_target' AND action = 'publish' AND entity_id = ANY($1)`,
      [entries.map((e) => e.target.id)],
    );
    expect(audited).toBe(3);
  });

  it('lets sibling targets that fail at the same moment both commit', async () => {
    const w = await world(t);
    const { postId } = await duePost(t, w);
    const entries = await claimedEntries(postId);
    const outcomes = t.app.get(TargetOutcomes);
    // Each failure notifies (a row referencing the post) and then settles the post: on a
    // PostgreSQL server the two transactions interleave on their own connections.
    await Promise.all(
      entries.map((entry) =>
        outcomes.failed(entry.target, {
          code: 'rejected',
          reason: { id: 'Ditolak platform', en: 'Rejected by the platform' },
          reauthAccountId: null,
        }),
      ),
    );
    const rows = await t.dataSource.query(`SELECT status FROM post_targets WHERE post_id = $1`, [
      postId,
    ]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(await postStatus(postId)).toBe('failed');
  });
});
