/** The demo's metrics history: three months of sandbox posts measured through the recorder. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { DemoMetricsHistory } from '../../src/demo/demo-metrics-history';
import { createTestApp, type TestApp } from '../support/app';
import { makeInstitution, makeProduct, makeSocialAccount, makeUser } from '../support/factories';

const NOW = new Date('2032-03-01T05:00:00Z');
let t: TestApp;
let institutionId: string;

beforeAll(async () => {
  t = await createTestApp({ clock: new FrozenClock(NOW) });
  institutionId = (await makeInstitution(t.dataSource)).id;
  await makeUser(t.dataSource, { institutionId });
  await makeProduct(t.dataSource, institutionId);
  await makeProduct(t.dataSource, institutionId);
  for (const network of ['instagram', 'facebook', 'x'] as const) {
    await makeSocialAccount(t.dataSource, institutionId, { network });
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('demo metrics history', () => {
  it('publishes about three months of posts with their snapshots and daily followers, once', async () => {
    const history = t.app.get(DemoMetricsHistory);
    await history.seed(institutionId);
    const [summary] = await t.dataSource.query(
      `SELECT count(*)::int AS targets, min(published_at) AS first, sum(snapshot_count)::int AS snapshots,
              count(*) FILTER (WHERE next_snapshot_at IS NULL)::int AS finished
       FROM post_target_metrics WHERE institution_id = $1`,
      [institutionId],
    );
    expect(summary.targets).toBe(31 * 3);
    expect(NOW.getTime() - summary.first.getTime()).toBeGreaterThan(90 * 86_400_000);
    // Every target older than 30 days has all six snapshots.
    expect(summary.finished).toBeGreaterThanOrEqual(20 * 3);
    expect(summary.snapshots).toBeGreaterThan(summary.finished * 6);

    const [daily] = await t.dataSource.query(
      `SELECT sum(posts)::int AS posts, sum(interactions)::bigint AS interactions
       FROM metric_daily WHERE institution_id = $1`,
      [institutionId],
    );
    const [latest] = await t.dataSource.query(
      `SELECT sum(interactions)::bigint AS interactions FROM post_target_metrics WHERE institution_id = $1`,
      [institutionId],
    );
    expect(daily.posts).toBe(summary.targets);
    expect(daily.interactions).toBe(latest.interactions);
    expect(Number(daily.interactions)).toBeGreaterThan(0);

    const [followers] = await t.dataSource.query(
      `SELECT count(*)::int AS days FROM account_follower_counts WHERE institution_id = $1`,
      [institutionId],
    );
    expect(followers.days).toBe(93 * 3);

    await history.seed(institutionId);
    const [again] = await t.dataSource.query(
      `SELECT count(*)::int AS targets FROM post_target_metrics WHERE institution_id = $1`,
      [institutionId],
    );
    expect(again.targets).toBe(summary.targets);
  }, 120_000);
});
