/**
 * The dispatcher's claim against a transaction that locks posts before their targets.
 * PostgreSQL only: the interleaving needs transactions on connections of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { DispatchQueueRepository } from '../../src/publishing/dispatcher/dispatch-queue.repository';
import { createTestApp, TestApp } from '../support/app';
import { makeProduct } from '../support/factories';
import { holdLock, lockWaiters } from '../support/lock-waits';
import { duePost, NOW, world } from './dispatcher-fixtures';

(process.env.TEST_DATABASE_URL ? describe : describe.skip)('claiming due targets', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FrozenClock(NOW) });
  });
  afterAll(async () => t?.close());

  it('passes over the posts a pull-back holds instead of waiting for them', async () => {
    const w = await world(t);
    const product = await makeProduct(t.dataSource, w.institutionId);
    const posts = [await duePost(t, w), await duePost(t, w)].sort((a, b) =>
      a.postId < b.postId ? -1 : 1,
    );
    await t.dataSource.query(`UPDATE posts SET product_id = $2 WHERE id = ANY($1)`, [
      posts.map((p) => p.postId),
      product.id,
    ]);

    // The archive locks both posts, then stops at a target of the first one.
    const held = await holdLock(`SELECT 1 FROM post_targets WHERE id = $1 FOR UPDATE`, [
      posts[0].targets[0],
    ]);
    try {
      const archived = t.http().post(`/api/products/${product.id}/archive`).set(w.auth);
      const archiveResponse = archived.then((res) => res.status);
      await lockWaiters(t.dataSource, held, 1);

      // The claim passes over the posts the archive holds instead of waiting for them (with
      // their targets locked, waiting would deadlock once the archive goes on).
      const claimed = await t.app
        .get(DispatchQueueRepository)
        .claim('locks-test', NOW, new Date(NOW.getTime() + 60_000), {
          limit: 100,
          perAccount: 4,
          networks: ['instagram', 'facebook', 'x'],
          room: [100, 100, 100],
        });
      const ids = new Set(posts.map((p) => p.postId));
      expect(claimed.filter((target) => ids.has(target.postId))).toEqual([]);

      await held.release();
      expect(await archiveResponse).toBe(200);
    } finally {
      await held.release().catch(() => undefined);
    }
  });
});
