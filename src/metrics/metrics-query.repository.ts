import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ScheduleLabel } from './collection-schedule';
import { COUNT_NAMES } from './metric-counts';

export interface TargetMetricsRow {
  post_target_id: string;
  social_account_id: string;
  network: string;
  published_at: Date;
  published_day: string;
  metrics: Record<string, number | null>;
  snapshot_count: number;
  last_snapshot_at: Date | null;
  next_snapshot_at: Date | null;
  [count: string]: unknown;
}

export interface SnapshotRow {
  post_target_id: string;
  taken_at: Date;
  schedule_label: ScheduleLabel;
  metrics: Record<string, number | null>;
}

export interface FollowerRow {
  day: string;
  followers: string | null;
  taken_at: Date;
}

/** Read-only queries of the metrics API; every one is scoped by institution (null: national). */
@Injectable()
export class MetricsQueryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async postExists(postId: string, institutionId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM posts WHERE id = $1 AND ($2::uuid IS NULL OR institution_id = $2)`,
      [postId, institutionId],
    );
    return rows.length > 0;
  }

  async targetsOfPost(postId: string, institutionId: string | null): Promise<TargetMetricsRow[]> {
    return this.dataSource.query(
      `SELECT post_target_id, social_account_id, network, published_at, published_day::text,
              ${COUNT_NAMES.join(', ')}, metrics, snapshot_count, last_snapshot_at, next_snapshot_at
       FROM post_target_metrics
       WHERE post_id = $1 AND ($2::uuid IS NULL OR institution_id = $2)
       ORDER BY published_at, network`,
      [postId, institutionId],
    );
  }

  /** Uses the (post_target_id, taken_at) index on every partition. */
  async snapshotsOf(postTargetIds: string[]): Promise<SnapshotRow[]> {
    if (postTargetIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT post_target_id, taken_at, schedule_label, metrics
       FROM metric_snapshots WHERE post_target_id = ANY($1::uuid[])
       ORDER BY post_target_id, taken_at`,
      [postTargetIds],
    );
  }

  /** The account's institution time zone, or null when it is not visible. */
  async accountZone(accountId: string, institutionId: string | null): Promise<string | null> {
    const rows: { time_zone: string }[] = await this.dataSource.query(
      `SELECT i.time_zone FROM social_accounts a JOIN institutions i ON i.id = a.institution_id
       WHERE a.id = $1 AND ($2::uuid IS NULL OR a.institution_id = $2)`,
      [accountId, institutionId],
    );
    return rows[0]?.time_zone ?? null;
  }

  async followers(accountId: string, from: string, to: string): Promise<FollowerRow[]> {
    return this.dataSource.query(
      `SELECT day::text, followers, taken_at FROM account_follower_counts
       WHERE social_account_id = $1 AND day BETWEEN $2::date AND $3::date
       ORDER BY day`,
      [accountId, from, to],
    );
  }
}
