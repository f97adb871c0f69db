import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SocialNetwork } from '../content/rendering/template';
import type { AccountKind } from '../platforms/platform-registry';
import type { CollectionScope } from './metrics.repository';

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

/** Daily follower counts per account: claimed under a lease, then recorded or retried. */
@Injectable()
export class FollowerCountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claimDue(
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
  async record(
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
  async upsert(counts: readonly FollowerCount[]): Promise<void> {
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
}
