/**
 * The retry button against the transactions that lock a post before its targets. PostgreSQL
 * only: the interleaving needs transactions on connections of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { makeProduct } from '../support/factories';
import { holdLock, lockWaiters } from '../support/lock-waits';
import { duePost, NOW, world } from './dispatcher-fixtures';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres) console.warn('target-retry: skipped, TEST_DATABASE_URL is not set');

(onPostgres ? describe : describe.skip)('retrying a failed target', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
  });
  afterAll(async () => t?.close());

  it('commits alongside the archiving of its product, which pulls the post back', async () => {
    const w = await world(t);
    const product = await makeProduct(t.dataSource, w.institutionId);
    const { postId, targets } = await duePost(t, w);
    await t.dataSource.query(`UPDATE posts SET status = 'failed', product_id = $2 WHERE id = $1`, [
      postId,
      product.id,
    ]);
    await t.dataSource.query(
      `UPDATE post_targets SET status = 'failed', next_attempt_at = NULL WHERE post_id = $1`,
      [postId],
    );

    // The retry stops at its pause check, holding what it locked before; the archive then locks
    // the post and moves its open targets back to pending.
    const pauses = await holdLock(`LOCK TABLE publishing_pauses IN ACCESS EXCLUSIVE MODE`);
    const retried = t
      .http()
      .post(`/api/posts/${postId}/targets/${targets[0]}/retry`)
      .set(w.auth)
      .then((res) => res);
    await lockWaiters(t.dataSource, pauses, 1);
    const archived = t
      .http()
      .post(`/api/products/${product.id}/archive`)
      .set(w.auth)
      .then((res) => res);
    await lockWaiters(t.dataSource, pauses, 2);
    await pauses.release();

    expect([(await retried).status, (await archived).status]).toEqual([200, 200]);
    const [post] = await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
    expect(post.status).toBe('draft');
  });
});
