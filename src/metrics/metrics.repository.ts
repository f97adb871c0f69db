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

/** An account's follower count for an institution-local day (YYYY-MM-DD). */
export interface FollowerCount {
  socialAccountId: string;
  day: string;
  followers: number | null;
  takenAt: Date;
}

export interface ClaimedFollowerCount {
  socialAccountId: string;
  accountKind: AccountKind;
  network: SocialNetwork;
  day: string;
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

// One row per account and institution-local day. A row with no count and a due retry_at is
// claimed again; the upsert's WHERE makes the claim atomic across workers.
const CLAIM_FOLLOWERS_SQL = `
  INSERT INTO account_follower_counts AS c (social_account_id, institution_id, day, taken_at, retry_at)
  SELECT a.id, a.institution_id, ($1::timestamptz AT TIME ZONE i.time_zone)::date, $1, $2
  FROM social_accounts a
  JOIN institutions i ON i.id = a.institution_id
  WHERE a.status = 'connected'
    AND ($4::uuid[] IS NULL OR a.institution_id = ANY($4::uuid[]))
    AND NOT EXISTS (
      SELECT 1 FROM account_follower_counts f
      WHERE f.social_account_id = a.id
        AND f.day = ($1::timestamptz AT TIME ZONE i.time_zone)::date
        AND (f.retry_at IS NULL OR f.retry_at > $1))
  ORDER BY a.id
  LIMIT $3
  ON CONFLICT (social_account_id, day) DO UPDATE SET taken_at = EXCLUDED.taken_at,
    retry_at = EXCLUDED.retry_at
  WHERE c.followers IS NULL AND c.retry_at <= $1
  RETURNING c.social_account_id, c.day::text AS day,
    (SELECT kind FROM social_accounts WHERE id = c.social_account_id) AS kind,
    (SELECT network FROM social_accounts WHERE id = c.social_account_id) AS network`;

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

  async claimFollowerCounts(
    now: Date,
    leaseUntil: Date,
    limit: number,
    scope: CollectionScope,
  ): Promise<ClaimedFollowerCount[]> {
    const rows: Array<{
      social_account_id: string;
      day: string;
      kind: AccountKind;
      network: SocialNetwork;
    }> = await this.dataSource.query(CLAIM_FOLLOWERS_SQL, [
      now,
      leaseUntil,
      limit,
      scope.institutionIds ?? null,
    ]);
    return rows.map((r) => ({
      socialAccountId: r.social_account_id,
      day: r.day,
      accountKind: r.kind,
      network: r.network,
    }));
  }

  /** Stores the day's count; `retryAt` null with no count: unknown for that day. */
  async recordFollowers(
    socialAccountId: string,
    day: string,
    result: {
      followers: number | null;
      takenAt: Date;
      retryAt: Date | null;
      errorCode: string | null;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE account_follower_counts SET followers = $3, taken_at = $4, retry_at = $5,
              last_error_code = $6
       WHERE social_account_id = $1 AND day = $2::date`,
      [socialAccountId, day, result.followers, result.takenAt, result.retryAt, result.errorCode],
    );
  }

  /** Sets accounts' counts for days, whatever was there (demo history, backfills). */
  async upsertFollowers(counts: readonly FollowerCount[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO account_follower_counts (social_account_id, institution_id, day, followers, taken_at)
       SELECT a.id, a.institution_id, c.day, c.followers, c.taken_at
       FROM unnest($1::uuid[], $2::date[], $3::bigint[], $4::timestamptz[])
         AS c(account_id, day, followers, taken_at)
       JOIN social_accounts a ON a.id = c.account_id
       ON CONFLICT (social_account_id, day) DO UPDATE SET followers = EXCLUDED.followers,
         taken_at = EXCLUDED.taken_at, retry_at = NULL, last_error_code = NULL`,
      [
        counts.map((c) => c.socialAccountId),
        counts.map((c) => c.day),
        counts.map((c) => c.followers),
        counts.map((c) => c.takenAt),
      ],
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
