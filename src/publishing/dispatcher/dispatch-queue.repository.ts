import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SocialNetwork } from '../../content/rendering/template';
import type { PostTargetStatus } from '../../content/posts/post-status';
import type { SocialAccountKind, SocialAccountStatus } from '../accounts/social-account.entity';
import type { AttemptOutcome } from './dispatcher.entity';

/** What publishing a target needs, read with its claim. */
export interface TargetWork {
  caption: string;
  renderIds: string[];
  accountKind: SocialAccountKind;
  accountStatus: SocialAccountStatus;
  externalId: string | null;
  platformPostId: string | null;
}

export interface LastAttempt {
  /** The last publish may have taken effect: reconcile before publishing again. */
  uncertain: boolean;
  publishStartedAt: Date;
}

/** A target this worker now holds under a lease, with everything its publish needs. */
export interface ClaimedTarget {
  id: string;
  postId: string;
  institutionId: string;
  socialAccountId: string;
  network: SocialNetwork;
  attemptCount: number;
  plannedAt: Date | null;
  /** True when another worker's lease expired mid-publish: the outcome is unknown. */
  leaseExpired: boolean;
  /** The status before this claim: a released target gets it back. */
  previousStatus: PostTargetStatus;
  work: TargetWork;
  /** The target's last publish attempt, if any. */
  lastAttempt: LastAttempt | null;
}

export interface ClaimLimits {
  limit: number;
  /** Targets of one account in flight at once, across all processes. */
  perAccount: number;
  /** The networks with free room in this process, and that room. */
  networks: SocialNetwork[];
  room: number[];
}

const BLACKOUT_MESSAGE =
  'Hari larangan posting: menunggu hingga berakhir / Blackout date: waiting until it ends';

// Due targets (pending or waiting, or stuck under an expired lease) of scheduled posts whose
// institution is neither paused nor in a blackout on its local date now. Fair across accounts:
// every account's first due target comes before anyone's second, and an account never has more
// than $5 targets in flight across all processes (live leases count). Each network takes at most
// its free room in this process ($6 networks, $7 room). Window functions cannot sit beside
// FOR UPDATE, so they rank in CTEs and the locking level re-checks that the row is still due.
// The posts are locked there too, skipping any another transaction holds: everyone else locks a
// post before its targets (an edit, a pull-back, an outcome), so waiting for one here, with its
// targets already locked, could deadlock.
// The same statement moves the claimed targets' posts to publishing and returns what publishing
// needs (caption, images, account, the last attempt): one round trip for the whole batch.
const CLAIM_SQL = `
  WITH candidates AS (
    SELECT t.id, t.social_account_id, t.network,
           coalesce(t.next_attempt_at, t.lease_expires_at) AS due_at
    FROM post_targets t
    JOIN posts p ON p.id = t.post_id
    JOIN institutions i ON i.id = t.institution_id
    WHERE ((t.status IN ('pending', 'retry_waiting') AND t.next_attempt_at <= $2)
        OR (t.status = 'publishing' AND t.lease_expires_at < $2))
      AND t.network = ANY($6::text[])
      AND p.status IN ('scheduled', 'publishing')
      AND NOT EXISTS (
        SELECT 1 FROM publishing_pauses pp
        WHERE pp.resumed_at IS NULL AND pp.paused_at <= $2
          AND (pp.institution_id IS NULL OR pp.institution_id = t.institution_id))
      AND NOT EXISTS (
        SELECT 1 FROM blackout_dates b
        WHERE (b.institution_id IS NULL OR b.institution_id = t.institution_id)
          AND ($2::timestamptz AT TIME ZONE i.time_zone)::date BETWEEN b.starts_on AND b.ends_on)
    ORDER BY due_at
    LIMIT $8),
  busy AS (
    SELECT social_account_id, count(*) AS in_flight FROM post_targets
    WHERE status = 'publishing' AND lease_expires_at >= $2
      AND social_account_id IN (SELECT social_account_id FROM candidates)
    GROUP BY social_account_id),
  ranked AS (
    SELECT c.*, coalesce(b.in_flight, 0)
             + row_number() OVER (PARTITION BY c.social_account_id ORDER BY c.due_at, c.id)
             AS account_rank
    FROM candidates c LEFT JOIN busy b ON b.social_account_id = c.social_account_id),
  allowed AS (
    SELECT r.*, row_number() OVER (PARTITION BY r.network ORDER BY r.account_rank, r.due_at, r.id)
             AS network_rank
    FROM ranked r WHERE r.account_rank <= $5),
  due AS (
    SELECT t.id, t.post_id, t.social_account_id, t.network, t.status AS previous
    FROM post_targets t
    JOIN posts p ON p.id = t.post_id
    JOIN allowed a ON a.id = t.id
    JOIN unnest($6::text[], $7::int[]) AS room(network, free) ON room.network = a.network
    WHERE a.network_rank <= room.free
      AND ((t.status IN ('pending', 'retry_waiting') AND t.next_attempt_at <= $2)
        OR (t.status = 'publishing' AND t.lease_expires_at < $2))
      AND p.status IN ('scheduled', 'publishing')
    ORDER BY a.account_rank, a.due_at
    LIMIT $4
    FOR UPDATE OF t SKIP LOCKED
    FOR NO KEY UPDATE OF p SKIP LOCKED),
  claimed AS (
    UPDATE post_targets t
    SET status = 'publishing', lease_owner = $1, lease_expires_at = $3,
        attempt_count = t.attempt_count + 1, updated_at = now()
    FROM due
    JOIN social_accounts a ON a.id = due.social_account_id
    LEFT JOIN post_variants v ON v.post_id = due.post_id AND v.network = due.network
    LEFT JOIN LATERAL (
      SELECT pa.outcome, pa.started_at FROM publish_attempts pa
      WHERE pa.post_target_id = due.id AND pa.kind = 'publish' ORDER BY pa.seq DESC LIMIT 1
    ) last ON true
    WHERE t.id = due.id
    RETURNING t.id, t.post_id, t.institution_id, t.social_account_id, t.network, t.attempt_count,
              t.planned_at, due.previous, v.caption, v.render_ids, a.kind AS account_kind,
              a.status AS account_status, a.external_id, t.platform_post_id,
              last.outcome AS last_outcome, last.started_at AS last_started_at),
  -- post-status: 'start_publishing' (scheduled → publishing) for every claimed post.
  started AS (
    UPDATE posts SET status = 'publishing', version = version + 1, updated_at = now()
    WHERE id IN (SELECT post_id FROM claimed) AND status = 'scheduled')
  SELECT * FROM claimed`;

/**
 * Claims are serialised across processes (a transaction-scoped advisory lock, held for the few
 * milliseconds a claim takes) so that each claim counts the leases the previous one committed:
 * without it two processes could each see an idle account and exceed its limit together.
 */
const CLAIM_LOCK_KEY = 4_202_612;
/** How many of the earliest due targets one claim ranks for fairness. */
const CLAIM_WINDOW = 5_000;

// Targets that are due but held back by a blackout say so (they go out once it is over). Rows
// another transaction holds are skipped (marked at a later claim): waiting for them here, with
// other targets already updated, could deadlock with a transaction updating a post's targets.
const MARK_BLACKOUT_SQL = `
  UPDATE post_targets SET last_error_code = 'blackout', last_error_message = $2, updated_at = now()
  WHERE id IN (
    SELECT t.id FROM post_targets t
    JOIN institutions i ON i.id = t.institution_id
    WHERE t.status IN ('pending', 'retry_waiting') AND t.next_attempt_at <= $1
      AND t.last_error_code IS DISTINCT FROM 'blackout'
      AND EXISTS (
        SELECT 1 FROM blackout_dates b
        WHERE (b.institution_id IS NULL OR b.institution_id = t.institution_id)
          AND ($1::timestamptz AT TIME ZONE i.time_zone)::date BETWEEN b.starts_on AND b.ends_on)
    FOR UPDATE OF t SKIP LOCKED)`;

/** The post_targets table as the dispatcher's queue: claim, give back, and when to look next. */
@Injectable()
export class DispatchQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One short transaction: claim up to `limit` targets and move their posts to publishing. */
  async claim(
    worker: string,
    now: Date,
    leaseUntil: Date,
    limits: ClaimLimits,
  ): Promise<ClaimedTarget[]> {
    if (limits.limit <= 0 || limits.networks.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [CLAIM_LOCK_KEY]);
      await manager.query(MARK_BLACKOUT_SQL, [now, BLACKOUT_MESSAGE]);
      const rows: ClaimRow[] = await manager.query(CLAIM_SQL, [
        worker,
        now,
        leaseUntil,
        limits.limit,
        limits.perAccount,
        limits.networks,
        limits.room,
        CLAIM_WINDOW,
      ]);
      return rows.map(toClaimed);
    });
  }

  /**
   * Gives a claimed target back untouched — shutdown, or a failure (say, no database connection
   * in time) before its platform call started: another worker may take it at once, and the claim
   * does not count as an attempt. A target with an attempt row for this claim keeps its lease:
   * that call may have reached the platform, so only a reconcile after the lease may settle it.
   */
  async release(
    target: ClaimedTarget,
    worker: string,
    at: Date,
    error?: { code: string; message: string },
  ): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE post_targets t
       SET status = $3, next_attempt_at = $4, lease_owner = NULL, lease_expires_at = NULL,
           attempt_count = greatest(t.attempt_count - 1, 0),
           last_error_code = coalesce($5, t.last_error_code),
           last_error_message = coalesce($6, t.last_error_message), updated_at = now()
       WHERE t.id = $1 AND t.lease_owner = $2 AND t.status = 'publishing'
         AND NOT EXISTS (SELECT 1 FROM publish_attempts a
                         WHERE a.post_target_id = t.id AND a.attempt_no = t.attempt_count)`,
      [
        target.id,
        worker,
        target.previousStatus === 'pending' ? 'pending' : 'retry_waiting',
        at,
        error?.code ?? null,
        error?.message ?? null,
      ],
    );
    return affected > 0;
  }

  /** The earliest time after `now` at which a target falls due: when to wake up next. */
  async nextDueAfter(now: Date): Promise<Date | null> {
    const rows: { at: Date | null }[] = await this.dataSource.query(
      `SELECT min(next_attempt_at) AS at FROM post_targets
       WHERE status IN ('pending', 'retry_waiting') AND next_attempt_at > $1`,
      [now],
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }
}

interface ClaimRow {
  id: string;
  post_id: string;
  institution_id: string;
  social_account_id: string;
  network: SocialNetwork;
  attempt_count: number;
  planned_at: Date | null;
  previous: PostTargetStatus;
  caption: string | null;
  render_ids: string[] | null;
  account_kind: SocialAccountKind;
  account_status: SocialAccountStatus;
  external_id: string | null;
  platform_post_id: string | null;
  last_outcome: AttemptOutcome | null;
  last_started_at: Date | null;
}

function toClaimed(row: ClaimRow): ClaimedTarget {
  return {
    id: row.id,
    postId: row.post_id,
    institutionId: row.institution_id,
    socialAccountId: row.social_account_id,
    network: row.network,
    attemptCount: Number(row.attempt_count),
    plannedAt: row.planned_at ? new Date(row.planned_at) : null,
    leaseExpired: row.previous === 'publishing',
    previousStatus: row.previous,
    work: {
      caption: row.caption ?? '',
      renderIds: row.render_ids ?? [],
      accountKind: row.account_kind,
      accountStatus: row.account_status,
      externalId: row.external_id,
      platformPostId: row.platform_post_id,
    },
    // Uncertain: the call never finished (the worker died) or ended in `unknown_outcome`. A
    // reconcile that found nothing does not settle it for good: the platform may still have been
    // creating the post, so the next attempt looks again first.
    lastAttempt: row.last_started_at
      ? {
          uncertain: row.last_outcome === null || row.last_outcome === 'unknown_outcome',
          publishStartedAt: new Date(row.last_started_at),
        }
      : null,
  };
}
