import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SocialNetwork } from '../content/rendering/template';
import type { PostMetrics } from '../platforms/platform-adapter';
import type { AccountKind } from '../platforms/platform-registry';
import type { ScheduleLabel } from './collection-schedule';
import {
  COUNT_NAMES,
  isEmptyDelta,
  MetricCounts,
  rollupDelta,
  RollupDelta,
  UNKNOWN_COUNTS,
} from './metric-counts';

/** A published target the rollups do not know yet. */
export interface UnenrolledTarget {
  postTargetId: string;
  publishedAt: Date;
}

/** A target whose snapshot this worker now holds under a lease. */
export interface ClaimedSnapshot {
  postTargetId: string;
  institutionId: string;
  socialAccountId: string;
  accountKind: AccountKind;
  network: SocialNetwork;
  platformPostId: string;
  publishedAt: Date;
  lastLabel: ScheduleLabel | null;
}

export interface NewSnapshot {
  postTargetId: string;
  takenAt: Date;
  label: ScheduleLabel;
  metrics: PostMetrics;
  raw: unknown;
  counts: MetricCounts;
  next: { label: ScheduleLabel; dueAt: Date } | null;
}

/** Which institutions a collection pass serves; all when `institutionIds` is absent. */
export interface CollectionScope {
  institutionIds?: string[];
}

const COUNT_COLUMNS = COUNT_NAMES.join(', ');

// The dimensions are read when the target enters the rollups; a later change of the post's
// product moves them, and the target's figures, by trigger (PostProductMoves migration).
const UNENROLLED_SELECT = `
  SELECT t.id AS post_target_id, t.published_at
  FROM post_targets t
  WHERE t.status = 'published' AND t.platform_post_id IS NOT NULL AND t.published_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM post_target_metrics m WHERE m.post_target_id = t.id)`;

const ENROL_SQL = `
  INSERT INTO post_target_metrics (post_target_id, institution_id, post_id, social_account_id,
    network, product_id, workshop_id, published_at, published_day, next_schedule_label,
    next_snapshot_at)
  SELECT t.id, t.institution_id, t.post_id, t.social_account_id, t.network, p.product_id,
         pr.workshop_id, t.published_at, (t.published_at AT TIME ZONE i.time_zone)::date,
         due.label, due.at
  FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS due(id, label, at)
  JOIN post_targets t ON t.id = due.id
  JOIN posts p ON p.id = t.post_id
  JOIN institutions i ON i.id = t.institution_id
  LEFT JOIN products pr ON pr.id = p.product_id
  WHERE t.status = 'published' AND t.published_at IS NOT NULL
  ON CONFLICT (post_target_id) DO NOTHING
  RETURNING post_target_id, institution_id, published_day::text, network, product_id, workshop_id`;

const CLAIM_SQL = `
  WITH due AS (
    SELECT m.post_target_id
    FROM post_target_metrics m
    JOIN social_accounts a ON a.id = m.social_account_id
    WHERE m.next_snapshot_at <= $1 AND a.status = 'connected'
      AND ($4::uuid[] IS NULL OR m.institution_id = ANY($4::uuid[]))
    ORDER BY m.next_snapshot_at
    LIMIT $3
    FOR UPDATE OF m SKIP LOCKED)
  UPDATE post_target_metrics m SET next_snapshot_at = $2
  FROM due, post_targets t, social_accounts a
  WHERE m.post_target_id = due.post_target_id AND t.id = m.post_target_id
    AND a.id = m.social_account_id
  RETURNING m.post_target_id, m.institution_id, m.social_account_id, a.kind, m.network,
            t.platform_post_id, m.published_at, m.last_schedule_label`;

function deltaColumns(): string {
  return COUNT_NAMES.flatMap((n) => [n, `${n}_known_posts`]).join(', ');
}

const DAILY_UPSERT_SQL = `
  INSERT INTO metric_daily (institution_id, published_day, network, product_id, workshop_id, posts,
    ${deltaColumns()}, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, ${COUNT_NAMES.flatMap((_, i) => [`$${7 + 2 * i}`, `$${8 + 2 * i}`]).join(', ')}, now())
  ON CONFLICT (institution_id, published_day, network, product_id, workshop_id) DO UPDATE SET
    posts = metric_daily.posts + EXCLUDED.posts,
    ${COUNT_NAMES.flatMap((n) => [
      `${n} = metric_daily.${n} + EXCLUDED.${n}`,
      `${n}_known_posts = metric_daily.${n}_known_posts + EXCLUDED.${n}_known_posts`,
    ]).join(',\n    ')},
    updated_at = now()`;

interface DailyKey {
  institution_id: string;
  published_day: string;
  network: string;
  product_id: string | null;
  workshop_id: string | null;
}

type LatestRow = DailyKey & Record<(typeof COUNT_NAMES)[number], string | null>;

function toCount(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * Post targets' snapshots, latest figures and daily rollups: enrolment, the snapshot lease and
 * the writes that keep the rollups equal to the latest figures. Follower counts live apart in
 * FollowerCountRepository.
 */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Monthly snapshot partitions for these months, created unless they exist. */
  async ensurePartitions(months: Date[]): Promise<void> {
    for (const month of months) {
      await this.dataSource.query(`SELECT metric_snapshot_partition_create($1::date)`, [
        month.toISOString().slice(0, 10),
      ]);
    }
  }

  /** Published since `since`, not yet in the rollups (a short range scan of a partial index). */
  async unenrolledSince(
    since: Date,
    limit: number,
    scope: CollectionScope,
  ): Promise<UnenrolledTarget[]> {
    const rows: { post_target_id: string; published_at: Date }[] = await this.dataSource.query(
      `${UNENROLLED_SELECT} AND t.published_at > $1
         AND ($3::uuid[] IS NULL OR t.institution_id = ANY($3::uuid[]))
       ORDER BY t.published_at LIMIT $2`,
      [since, limit, scope.institutionIds ?? null],
    );
    return rows.map((r) => ({ postTargetId: r.post_target_id, publishedAt: r.published_at }));
  }

  /** These targets, when published and not yet in the rollups (whatever their age). */
  async unenrolledAmong(postTargetIds: string[]): Promise<UnenrolledTarget[]> {
    const rows: { post_target_id: string; published_at: Date }[] = await this.dataSource.query(
      `${UNENROLLED_SELECT} AND t.id = ANY($1::uuid[])`,
      [postTargetIds],
    );
    return rows.map((r) => ({ postTargetId: r.post_target_id, publishedAt: r.published_at }));
  }

  /**
   * Adds the targets to the rollups (one more post each, every count unknown) with their first
   * snapshot due; in one transaction, so the daily post counts match the rows exactly.
   */
  async enrol(
    targets: Array<{ postTargetId: string; next: { label: ScheduleLabel; dueAt: Date } | null }>,
  ): Promise<number> {
    if (targets.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const rows: DailyKey[] = await manager.query(ENROL_SQL, [
        targets.map((t) => t.postTargetId),
        targets.map((t) => t.next?.label ?? null),
        targets.map((t) => t.next?.dueAt ?? null),
      ]);
      for (const row of rows)
        await this.addToDaily(manager, row, rollupDelta(null, UNKNOWN_COUNTS));
      return rows.length;
    });
  }

  /** One short transaction: lease up to `limit` due snapshots until `leaseUntil`. */
  async claimDue(
    now: Date,
    leaseUntil: Date,
    limit: number,
    scope: CollectionScope,
  ): Promise<ClaimedSnapshot[]> {
    const [rows]: [
      Array<{
        post_target_id: string;
        institution_id: string;
        social_account_id: string;
        kind: AccountKind;
        network: SocialNetwork;
        platform_post_id: string;
        published_at: Date;
        last_schedule_label: ScheduleLabel | null;
      }>,
      number,
    ] = await this.dataSource.query(CLAIM_SQL, [
      now,
      leaseUntil,
      limit,
      scope.institutionIds ?? null,
    ]);
    return rows.map((r) => ({
      postTargetId: r.post_target_id,
      institutionId: r.institution_id,
      socialAccountId: r.social_account_id,
      accountKind: r.kind,
      network: r.network,
      platformPostId: r.platform_post_id,
      publishedAt: r.published_at,
      lastLabel: r.last_schedule_label,
    }));
  }

  /**
   * Each snapshot, its target's latest figures and the change to its day's rollup, all in one
   * transaction: the rollup always equals the sum of the latest figures. In the given order.
   */
  async recordSnapshots(snapshots: NewSnapshot[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const snapshot of snapshots) await this.recordIn(manager, snapshot);
    });
  }

  private async recordIn(manager: EntityManager, snapshot: NewSnapshot): Promise<void> {
    const [before]: LatestRow[] = await manager.query(
      `SELECT institution_id, published_day::text, network, product_id, workshop_id, ${COUNT_COLUMNS}
       FROM post_target_metrics WHERE post_target_id = $1 FOR UPDATE`,
      [snapshot.postTargetId],
    );
    if (!before) return;
    await manager.query(
      `INSERT INTO metric_snapshots (institution_id, post_target_id, taken_at, schedule_label, metrics, raw)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        before.institution_id,
        snapshot.postTargetId,
        snapshot.takenAt,
        snapshot.label,
        JSON.stringify(snapshot.metrics),
        snapshot.raw === undefined ? null : JSON.stringify(snapshot.raw),
      ],
    );
    const c = snapshot.counts;
    await manager.query(
      `UPDATE post_target_metrics SET
         ${COUNT_NAMES.map((n, i) => `${n} = $${i + 2}`).join(', ')},
         metrics = $9, snapshot_count = snapshot_count + 1, last_snapshot_at = $10,
         last_schedule_label = $11, next_schedule_label = $12, next_snapshot_at = $13,
         failed_attempts = 0, last_error_code = NULL, updated_at = now()
       WHERE post_target_id = $1`,
      [
        snapshot.postTargetId,
        ...COUNT_NAMES.map((n) => c[n]),
        JSON.stringify(snapshot.metrics),
        snapshot.takenAt,
        snapshot.label,
        snapshot.next?.label ?? null,
        snapshot.next?.dueAt ?? null,
      ],
    );
    const prior = Object.fromEntries(
      COUNT_NAMES.map((n) => [n, toCount(before[n])]),
    ) as MetricCounts;
    await this.addToDaily(manager, before, rollupDelta(prior, c));
  }

  /** The snapshot waits until `at` (the lease is replaced); the error is kept for the log. */
  async postpone(postTargetId: string, at: Date, errorCode: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE post_target_metrics SET next_snapshot_at = $2, failed_attempts = failed_attempts + 1,
              last_error_code = $3, updated_at = now()
       WHERE post_target_id = $1`,
      [postTargetId, at, errorCode],
    );
  }

  /** The label is given up (the platform refused it for good); the schedule goes on. */
  async skipLabel(
    postTargetId: string,
    label: ScheduleLabel,
    next: { label: ScheduleLabel; dueAt: Date } | null,
    errorCode: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE post_target_metrics SET last_schedule_label = $2, next_schedule_label = $3,
              next_snapshot_at = $4, failed_attempts = failed_attempts + 1, last_error_code = $5,
              updated_at = now()
       WHERE post_target_id = $1`,
      [postTargetId, label, next?.label ?? null, next?.dueAt ?? null, errorCode],
    );
  }

  private async addToDaily(manager: EntityManager, key: DailyKey, delta: RollupDelta) {
    if (isEmptyDelta(delta)) return;
    await manager.query(DAILY_UPSERT_SQL, [
      key.institution_id,
      key.published_day,
      key.network,
      key.product_id,
      key.workshop_id,
      delta.posts,
      ...COUNT_NAMES.flatMap((n) => [delta.sums[n], delta.known[n]]),
    ]);
  }
}
