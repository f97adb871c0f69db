/**
 * Metric collection end to end on sandbox accounts: enrolment of published targets, the snapshot
 * schedule, errors, follower counts, rollups that equal a recomputation from the snapshots, and
 * the read API with its institution scoping.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import type { SocialNetwork } from '../../src/content/rendering/template';
import { MetricCollectorService } from '../../src/metrics/metric-collector.service';
import { COUNT_NAMES, countsFromMetrics } from '../../src/metrics/metric-counts';
import { PlatformError, type PlatformAdapter } from '../../src/platforms/platform-adapter';
import { PlatformRegistry } from '../../src/platforms/platform-registry';
import { sandboxPostId } from '../../src/platforms/sandbox/sandbox-simulation';
import { createTestApp, type TestApp } from '../support/app';
import {
  makeInstitution,
  makeProduct,
  makeSignedInUser,
  makeSocialAccount,
} from '../support/factories';
import { collectAll, labelsOf, publishedPost, targetState } from './metrics-fixtures';

// Far from other tests' data: their targets are outside the enrolment window.
const START = new Date('2030-05-01T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NETWORKS: SocialNetwork[] = ['instagram', 'facebook', 'x'];

let t: TestApp;
let clock: FrozenClock;
let collector: MetricCollectorService;
let institutionId: string;
let userId: string;
let productId: string;
let workshopId: string;
let auth: { Authorization: string };
let accounts: Array<{ id: string; network: SocialNetwork }>;

beforeAll(async () => {
  clock = new FrozenClock(START);
  t = await createTestApp({ clock });
  collector = t.app.get(MetricCollectorService);
  institutionId = (await makeInstitution(t.dataSource)).id;
  const manager = await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId });
  auth = manager.auth;
  userId = manager.id;
  const product = await makeProduct(t.dataSource, institutionId);
  productId = product.id;
  workshopId = product.workshopId;
  accounts = [];
  for (const network of NETWORKS) {
    accounts.push(await makeSocialAccount(t.dataSource, institutionId, { network }));
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** Sessions are made with the real time: the API is called at it. */
function signInTime(): void {
  clock.set(new Date());
}

function sandboxPost(publishedAt: Date, withAccounts = accounts) {
  return publishedPost(t.dataSource, {
    institutionId,
    userId,
    productId,
    publishedAt,
    accounts: withAccounts,
    platformPostId: (target) => sandboxPostId(target.network, target.id, publishedAt),
  });
}

describe('collection schedule', () => {
  it('enrols a published target and takes its six snapshots over 30 days, then stops', async () => {
    clock.set(START);
    const { targets } = await sandboxPost(clock.now());
    await collectAll(collector, [institutionId]);
    for (const target of targets) {
      expect(await targetState(t.dataSource, target.targetId)).toMatchObject({
        snapshot_count: 0,
        next_schedule_label: '1h',
      });
    }
    // Walk the clock forward an hour at a time for the first day, then a day at a time.
    for (let h = 1; h <= 24; h++) {
      clock.set(new Date(START.getTime() + h * HOUR));
      await collectAll(collector, [institutionId]);
    }
    for (let d = 2; d <= 32; d++) {
      clock.set(new Date(START.getTime() + d * DAY));
      await collectAll(collector, [institutionId]);
    }
    for (const target of targets) {
      expect(await labelsOf(t.dataSource, target.targetId)).toEqual([
        '1h',
        '6h',
        '24h',
        '3d',
        '7d',
        '30d',
      ]);
      expect(await targetState(t.dataSource, target.targetId)).toMatchObject({
        snapshot_count: 6,
        next_snapshot_at: null,
      });
    }
  });

  it('takes one late snapshot after an outage, not every missed one', async () => {
    clock.set(START);
    const { targets } = await sandboxPost(clock.now(), accounts.slice(0, 1));
    await collectAll(collector, [institutionId]);
    clock.set(new Date(START.getTime() + 2 * DAY));
    await collectAll(collector, [institutionId]);
    expect(await labelsOf(t.dataSource, targets[0].targetId)).toEqual(['24h']);
    expect(await targetState(t.dataSource, targets[0].targetId)).toMatchObject({
      next_schedule_label: '3d',
    });
  });

  it('moves a target to the platform’s retry time, and skips an account that must reconnect', async () => {
    clock.set(START);
    const [igAccount] = accounts;
    const first = await sandboxPost(clock.now(), [igAccount]);
    const second = await sandboxPost(clock.now(), [igAccount]);
    await collectAll(collector, [institutionId]);
    const registry = t.app.get(PlatformRegistry);
    const original = registry.adapterFor.bind(registry);
    let calls = 0;
    const refusing = (kind: 'retry_later' | 'reauthenticate'): PlatformAdapter => ({
      ...original('instagram', 'sandbox'),
      fetchMetrics: async () => {
        calls++;
        throw new PlatformError(kind, {
          network: 'instagram',
          platformCode: `test:${kind}`,
          retryAt: new Date(clock.now().getTime() + 3 * HOUR),
          reason: { id: 'uji', en: 'test' },
        });
      },
    });
    const spy = jest.spyOn(registry, 'adapterFor');
    try {
      clock.set(new Date(START.getTime() + 2 * HOUR));
      spy.mockImplementation((network, kind) =>
        network === 'instagram' && kind === 'sandbox'
          ? refusing('retry_later')
          : original(network, kind),
      );
      await collectAll(collector, [institutionId]);
      const waiting = await targetState(t.dataSource, first.targets[0].targetId);
      expect(waiting?.snapshot_count).toBe(0);
      expect(waiting?.next_snapshot_at).toEqual(new Date(START.getTime() + 5 * HOUR));

      clock.set(new Date(START.getTime() + 6 * HOUR));
      calls = 0;
      spy.mockImplementation((network, kind) =>
        network === 'instagram' && kind === 'sandbox'
          ? refusing('reauthenticate')
          : original(network, kind),
      );
      await collectAll(collector, [institutionId]);
      // One refused call for the account; its other target waits without a call.
      expect(calls).toBe(1);
      for (const target of [first, second]) {
        const state = await targetState(t.dataSource, target.targets[0].targetId);
        expect(state?.snapshot_count).toBe(0);
        expect(state?.next_snapshot_at?.getTime()).toBeGreaterThan(START.getTime() + 29 * HOUR);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe('rollups', () => {
  it('equal a recomputation from the latest snapshot of every target', async () => {
    const dailyRows: Array<Record<string, unknown>> = await t.dataSource.query(
      `SELECT published_day::text AS day, network, product_id, workshop_id, posts,
              ${COUNT_NAMES.flatMap((n) => [n, `${n}_known_posts`]).join(', ')}
       FROM metric_daily WHERE institution_id = $1 ORDER BY 1, 2`,
      [institutionId],
    );
    const targets: Array<{
      id: string;
      network: SocialNetwork;
      day: string;
      product_id: string;
      workshop_id: string;
    }> = await t.dataSource.query(
      `SELECT t.id, t.network, (t.published_at AT TIME ZONE 'Asia/Jakarta')::date::text AS day,
                p.product_id, pr.workshop_id
         FROM post_targets t JOIN posts p ON p.id = t.post_id JOIN products pr ON pr.id = p.product_id
         WHERE t.institution_id = $1 AND t.status = 'published'`,
      [institutionId],
    );
    const expected = new Map<string, Record<string, unknown>>();
    for (const target of targets) {
      const [latest] = await t.dataSource.query(
        `SELECT metrics FROM metric_snapshots WHERE post_target_id = $1 ORDER BY taken_at DESC LIMIT 1`,
        [target.id],
      );
      const counts = latest ? countsFromMetrics(target.network, latest.metrics) : null;
      const key = `${target.day}|${target.network}`;
      const row = expected.get(key) ?? {
        day: target.day,
        network: target.network,
        product_id: target.product_id,
        workshop_id: target.workshop_id,
        posts: 0,
        ...Object.fromEntries(
          COUNT_NAMES.flatMap((n) => [
            [n, 0],
            [`${n}_known_posts`, 0],
          ]),
        ),
      };
      row.posts = (row.posts as number) + 1;
      for (const n of COUNT_NAMES) {
        const value = counts?.[n] ?? null;
        row[n] = (row[n] as number) + (value ?? 0);
        row[`${n}_known_posts`] = (row[`${n}_known_posts`] as number) + (value === null ? 0 : 1);
      }
      expected.set(key, row);
    }
    const numeric = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v,
          ]),
        ),
      );
    expect(targets.length).toBeGreaterThanOrEqual(6);
    expect(numeric(dailyRows)).toEqual(
      [...expected.values()].sort((a, b) =>
        `${a.day}|${a.network}`.localeCompare(`${b.day}|${b.network}`),
      ),
    );
    expect(dailyRows.every((r) => r.workshop_id === workshopId)).toBe(true);
  });

  it('stores a metric the platform does not give as unknown, not 0', async () => {
    const rows: Array<{ reach: string | null; saves: string | null }> = await t.dataSource.query(
      `SELECT reach, saves FROM post_target_metrics WHERE institution_id = $1 AND network = 'x'
         AND snapshot_count > 0`,
      [institutionId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.reach === null && r.saves !== null)).toBe(true);
  });
});

describe('follower counts', () => {
  it('are read once per account and institution-local day', async () => {
    const counts: Array<{ social_account_id: string; day: string; followers: string }> =
      await t.dataSource.query(
        `SELECT social_account_id, day::text, followers FROM account_follower_counts
         WHERE institution_id = $1 ORDER BY day`,
        [institutionId],
      );
    const days = new Set(counts.map((c) => `${c.social_account_id}|${c.day}`));
    expect(days.size).toBe(counts.length);
    expect(counts.filter((c) => c.social_account_id === accounts[1].id).length).toBeGreaterThan(30);
    expect(counts.every((c) => Number(c.followers) > 0)).toBe(true);
  });
});

describe('metrics API', () => {
  it('shows a post’s targets with their latest figures and snapshots', async () => {
    clock.set(START);
    const { postId, targets } = await sandboxPost(clock.now());
    clock.set(new Date(START.getTime() + 2 * HOUR));
    await collectAll(collector, [institutionId]);
    signInTime();
    const res = await t.http().get(`/api/metrics/posts/${postId}`).set(auth).expect(200);
    expect(res.body.postId).toBe(postId);
    expect(res.body.targets.map((x: { postTargetId: string }) => x.postTargetId).sort()).toEqual(
      targets.map((x) => x.targetId).sort(),
    );
    const ig = res.body.targets.find((x: { network: string }) => x.network === 'instagram');
    expect(ig.snapshots).toHaveLength(1);
    expect(ig.snapshots[0].scheduleLabel).toBe('1h');
    expect(ig.latest.reach).toBe(ig.snapshots[0].metrics.reach);
    expect(ig.nextSnapshotAt).not.toBeNull();
  });

  it('shows an account’s follower history for a range of days', async () => {
    signInTime();
    const res = await t
      .http()
      .get(`/api/metrics/social-accounts/${accounts[0].id}/followers?from=2030-05-01&to=2030-05-10`)
      .set(auth)
      .expect(200);
    expect(res.body.days.length).toBe(10);
    expect(res.body.days[0]).toMatchObject({ day: '2030-05-01' });
  });

  it('refuses impossible days and hides other institutions’ posts and accounts', async () => {
    signInTime();
    await t
      .http()
      .get(`/api/metrics/social-accounts/${accounts[0].id}/followers?from=2030-02-30`)
      .set(auth)
      .expect(400);
    const otherInstitution = (await makeInstitution(t.dataSource)).id;
    const other = await makeSignedInUser(t.dataSource, {
      role: Role.Manager,
      institutionId: otherInstitution,
    });
    const [post] = await t.dataSource.query(
      `SELECT id FROM posts WHERE institution_id = $1 LIMIT 1`,
      [institutionId],
    );
    await t.http().get(`/api/metrics/posts/${post.id}`).set(other.auth).expect(404);
    await t
      .http()
      .get(`/api/metrics/social-accounts/${accounts[0].id}/followers`)
      .set(other.auth)
      .expect(404);
    const staff = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
    await t.http().get(`/api/metrics/posts/${post.id}`).set(staff.auth).expect(403);
  });
});
