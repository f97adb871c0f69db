/** Set-up for the metrics tests: posts already published on given accounts, at a given time. */
import type { DataSource } from 'typeorm';
import type { SocialNetwork } from '../../src/content/rendering/template';
import {
  MetricCollectorService,
  type CollectionRun,
} from '../../src/metrics/metric-collector.service';

export interface PublishedTarget {
  targetId: string;
  network: SocialNetwork;
  accountId: string;
}

/**
 * A published post with one target per account. `platformPostId` gives each target's id on the
 * platform (the sandbox derives it from the target id and publishing time).
 */
export async function publishedPost(
  ds: DataSource,
  opts: {
    institutionId: string;
    userId: string;
    productId?: string | null;
    publishedAt: Date;
    accounts: Array<{ id: string; network: SocialNetwork }>;
    platformPostId: (target: { id: string; network: SocialNetwork }) => string;
  },
): Promise<{ postId: string; targets: PublishedTarget[] }> {
  const [post] = await ds.query(
    `INSERT INTO posts (institution_id, product_id, title, status, drafted_by, last_edited_by, planned_at)
     VALUES ($1, $2, 'Kursi rotan', 'published', $3, $3, $4) RETURNING id`,
    [opts.institutionId, opts.productId ?? null, opts.userId, opts.publishedAt],
  );
  const targets: PublishedTarget[] = [];
  for (const account of opts.accounts) {
    const [target] = await ds.query(
      `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status,
         planned_at, published_at)
       VALUES ($1, $2, $3, $4, 'published', $5, $5) RETURNING id`,
      [post.id, opts.institutionId, account.id, account.network, opts.publishedAt],
    );
    await ds.query(`UPDATE post_targets SET platform_post_id = $2 WHERE id = $1`, [
      target.id,
      opts.platformPostId({ id: target.id, network: account.network }),
    ]);
    targets.push({ targetId: target.id, network: account.network, accountId: account.id });
  }
  return { postId: post.id, targets };
}

/** Collection passes until one claims nothing (other tests' targets may be due as well). */
/** Collection passes for the test's own institutions until nothing is left to do. */
export async function collectAll(
  collector: MetricCollectorService,
  institutionIds: string[],
): Promise<CollectionRun> {
  const total: CollectionRun = { enrolled: 0, snapshots: 0, postponed: 0, followers: 0 };
  for (let pass = 0; pass < 50; pass++) {
    const run = await collector.runOnce({ institutionIds });
    total.enrolled += run.enrolled;
    total.snapshots += run.snapshots;
    total.postponed += run.postponed;
    total.followers += run.followers;
    if (run.enrolled + run.snapshots + run.postponed + run.followers === 0) break;
  }
  return total;
}

export interface TargetState {
  snapshot_count: number;
  last_schedule_label: string | null;
  next_schedule_label: string | null;
  next_snapshot_at: Date | null;
}

export async function targetState(
  ds: DataSource,
  targetId: string,
): Promise<TargetState | undefined> {
  const [row] = await ds.query(
    `SELECT snapshot_count, last_schedule_label, next_schedule_label, next_snapshot_at
     FROM post_target_metrics WHERE post_target_id = $1`,
    [targetId],
  );
  return row;
}

export async function labelsOf(ds: DataSource, targetId: string): Promise<string[]> {
  const rows: { schedule_label: string }[] = await ds.query(
    `SELECT schedule_label FROM metric_snapshots WHERE post_target_id = $1 ORDER BY taken_at`,
    [targetId],
  );
  return rows.map((r) => r.schedule_label);
}
