import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SocialNetwork } from '../../content/rendering/template';
import type { PostStatus, PostTargetStatus } from '../../content/posts/post-status';
import type { SocialAccountKind, SocialAccountStatus } from '../accounts/social-account.entity';
import {
  PublishAttempt,
  SandboxPost,
  type AttemptKind,
  type AttemptOutcome,
} from './dispatcher.entity';

/** A target this worker now holds under a lease. */
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
}

export interface ClaimLimits {
  limit: number;
  /** Targets of one account in flight at once, across all processes. */
  perAccount: number;
  /** The networks with free room in this process, and that room. */
  networks: SocialNetwork[];
  room: number[];
}

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

export interface NewAttempt {
  institutionId: string;
  postTargetId: string;
  attemptNo: number;
  kind: AttemptKind;
  worker: string;
  startedAt: Date;
  latenessMs: number | null;
}

export type AttemptResult = Pick<
  PublishAttempt,
  'outcome' | 'finishedAt' | 'durationMs' | 'platformResponse' | 'errorCode' | 'errorMessage'
>;

const BLACKOUT_MESSAGE =
  'Hari larangan posting: menunggu hingga berakhir / Blackout date: waiting until it ends';

// Due targets (pending or waiting, or stuck under an expired lease) of scheduled posts whose
// institution is neither paused nor in a blackout on its local date now. Fair across accounts:
// every account's first due target comes before anyone's second, and an account never has more
// than $5 targets in flight across all processes (live leases count). Each network takes at most
// its free room in this process ($6 networks, $7 room). Window functions cannot sit beside
// FOR UPDATE, so they rank in CTEs and the locking level re-checks that the row is still due.
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
    SELECT t.id, t.status AS previous
    FROM post_targets t
    JOIN allowed a ON a.id = t.id
    JOIN unnest($6::text[], $7::int[]) AS room(network, free) ON room.network = a.network
    WHERE a.network_rank <= room.free
      AND ((t.status IN ('pending', 'retry_waiting') AND t.next_attempt_at <= $2)
        OR (t.status = 'publishing' AND t.lease_expires_at < $2))
    ORDER BY a.account_rank, a.due_at
    LIMIT $4
    FOR UPDATE OF t SKIP LOCKED)
  UPDATE post_targets t
  SET status = 'publishing', lease_owner = $1, lease_expires_at = $3,
      attempt_count = t.attempt_count + 1, updated_at = now()
  FROM due WHERE t.id = due.id
  RETURNING t.id, t.post_id, t.institution_id, t.social_account_id, t.network, t.attempt_count,
            t.planned_at, due.previous`;

/**
 * Claims are serialised across processes (a transaction-scoped advisory lock, held for the few
 * milliseconds a claim takes) so that each claim counts the leases the previous one committed:
 * without it two processes could each see an idle account and exceed its limit together.
 */
const CLAIM_LOCK_KEY = 4_202_612;
/** How many of the earliest due targets one claim ranks for fairness. */
const CLAIM_WINDOW = 5_000;

// Targets that are due but held back by a blackout say so (they go out once it is over).
const MARK_BLACKOUT_SQL = `
  UPDATE post_targets t SET last_error_code = 'blackout', last_error_message = $2, updated_at = now()
  FROM institutions i
  WHERE i.id = t.institution_id AND t.status IN ('pending', 'retry_waiting') AND t.next_attempt_at <= $1
    AND t.last_error_code IS DISTINCT FROM 'blackout'
    AND EXISTS (
      SELECT 1 FROM blackout_dates b
      WHERE (b.institution_id IS NULL OR b.institution_id = t.institution_id)
        AND ($1::timestamptz AT TIME ZONE i.time_zone)::date BETWEEN b.starts_on AND b.ends_on)`;

@Injectable()
export class DispatcherRepository {
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
      const [rows]: [ClaimRow[], number] = await manager.query(CLAIM_SQL, [
        worker,
        now,
        leaseUntil,
        limits.limit,
        limits.perAccount,
        limits.networks,
        limits.room,
        CLAIM_WINDOW,
      ]);
      const claimed = rows.map(toClaimed);
      const postIds = [...new Set(claimed.map((c) => c.postId))];
      if (postIds.length > 0) {
        // post-status: 'start_publishing' (scheduled → publishing) for every claimed post.
        await manager.query(
          `UPDATE posts SET status = 'publishing', version = version + 1, updated_at = now()
           WHERE id = ANY($1::uuid[]) AND status = 'scheduled'`,
          [postIds],
        );
      }
      return claimed;
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

  async loadWork(target: ClaimedTarget): Promise<TargetWork | null> {
    const rows: WorkRow[] = await this.dataSource.query(
      `SELECT v.caption, v.render_ids, a.kind, a.status, a.external_id, t.platform_post_id
       FROM post_targets t
       JOIN social_accounts a ON a.id = t.social_account_id
       LEFT JOIN post_variants v ON v.post_id = t.post_id AND v.network = t.network
       WHERE t.id = $1`,
      [target.id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      caption: row.caption ?? '',
      renderIds: row.render_ids ?? [],
      accountKind: row.kind,
      accountStatus: row.status,
      externalId: row.external_id,
      platformPostId: row.platform_post_id,
    };
  }

  /**
   * Whether the target's last publish may have gone through unseen, and when it started (the
   * window a reconcile searches). Uncertain: its call never finished (the worker died) or ended
   * in `unknown_outcome`. A reconcile that found nothing does not settle it for good: the
   * platform may still have been creating the post, so the next attempt looks again first.
   */
  async lastAttempt(targetId: string): Promise<LastAttempt | null> {
    const rows: { outcome: AttemptOutcome | null; started_at: Date }[] =
      await this.dataSource.query(
        `SELECT outcome, started_at FROM publish_attempts
         WHERE post_target_id = $1 AND kind = 'publish' ORDER BY seq DESC LIMIT 1`,
        [targetId],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      uncertain: row.outcome === null || row.outcome === 'unknown_outcome',
      publishStartedAt: new Date(row.started_at),
    };
  }

  async sandboxPostIdFor(
    targetId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const row = await manager.findOne(SandboxPost, {
      where: { postTargetId: targetId },
    });
    return row?.platformPostId ?? null;
  }

  /** Written (and committed) before the platform is called. */
  async startAttempt(values: NewAttempt): Promise<string> {
    const row = await this.dataSource.manager.save(
      PublishAttempt,
      this.dataSource.manager.create(PublishAttempt, values),
    );
    return row.id;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async finishAttempt(manager: EntityManager, id: string, result: AttemptResult): Promise<void> {
    await manager.query(
      `UPDATE publish_attempts SET outcome = $2, finished_at = $3, duration_ms = $4,
              platform_response = $5, error_code = $6, error_message = $7
       WHERE id = $1`,
      [
        id,
        result.outcome,
        result.finishedAt,
        result.durationMs,
        result.platformResponse === null ? null : JSON.stringify(result.platformResponse),
        result.errorCode,
        result.errorMessage,
      ],
    );
  }

  async markPublished(
    manager: EntityManager,
    targetId: string,
    post: { platformPostId: string; permalink: string | null; publishedAt: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE post_targets SET status = 'published', platform_post_id = $2, permalink = $3,
              published_at = $4, lease_owner = NULL, lease_expires_at = NULL,
              last_error_code = NULL, last_error_message = NULL, updated_at = now()
       WHERE id = $1`,
      [targetId, post.platformPostId, post.permalink, post.publishedAt],
    );
  }

  async markWaiting(
    manager: EntityManager,
    targetId: string,
    at: Date,
    error: { code: string; message: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE post_targets SET status = 'retry_waiting', next_attempt_at = $2,
              lease_owner = NULL, lease_expires_at = NULL,
              last_error_code = $3, last_error_message = $4, updated_at = now()
       WHERE id = $1`,
      [targetId, at, error.code, error.message],
    );
  }

  async markFailed(
    manager: EntityManager,
    targetId: string,
    error: { code: string; message: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE post_targets SET status = 'failed', next_attempt_at = NULL,
              lease_owner = NULL, lease_expires_at = NULL,
              last_error_code = $2, last_error_message = $3, updated_at = now()
       WHERE id = $1`,
      [targetId, error.code, error.message],
    );
  }

  async markAccountNeedsReauth(manager: EntityManager, accountId: string): Promise<void> {
    await manager.query(
      `UPDATE social_accounts SET status = 'needs_reauth', updated_at = now()
       WHERE id = $1 AND status = 'connected'`,
      [accountId],
    );
  }

  async insertSandboxPost(manager: EntityManager, values: Omit<SandboxPost, 'id'>): Promise<void> {
    await manager.save(SandboxPost, manager.create(SandboxPost, values));
  }

  /** The post, locked, with its (not cancelled) targets' statuses. */
  async lockPostWithTargets(
    manager: EntityManager,
    postId: string,
  ): Promise<{
    status: PostStatus;
    draftedBy: string;
    lastEditedBy: string;
    targets: PostTargetStatus[];
  } | null> {
    const posts: { status: PostStatus; drafted_by: string; last_edited_by: string }[] =
      await manager.query(
        `SELECT status, drafted_by, last_edited_by FROM posts WHERE id = $1 FOR UPDATE`,
        [postId],
      );
    if (!posts[0]) return null;
    const targets: { status: PostTargetStatus }[] = await manager.query(
      `SELECT status FROM post_targets WHERE post_id = $1 AND status <> 'cancelled'`,
      [postId],
    );
    return {
      status: posts[0].status,
      draftedBy: posts[0].drafted_by,
      lastEditedBy: posts[0].last_edited_by,
      targets: targets.map((t) => t.status),
    };
  }

  async setPostStatus(manager: EntityManager, postId: string, status: PostStatus): Promise<void> {
    await manager.query(
      `UPDATE posts SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [postId, status],
    );
  }

  async feed(institutionId: string | null, offset: number, limit: number) {
    const query = this.dataSource.manager
      .getRepository(SandboxPost)
      .createQueryBuilder('s')
      .orderBy('s.published_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .skip(offset)
      .take(limit);
    if (institutionId !== null) query.where('s.institution_id = :institutionId', { institutionId });
    return query.getManyAndCount();
  }

  /** The post's institution, or null when it does not exist. */
  async postInstitution(postId: string): Promise<string | null> {
    const rows: { institution_id: string }[] = await this.dataSource.query(
      `SELECT institution_id FROM posts WHERE id = $1`,
      [postId],
    );
    return rows[0]?.institution_id ?? null;
  }

  async attemptsOfPost(postId: string): Promise<AttemptRow[]> {
    return this.dataSource.query(
      `SELECT a.id, a.post_target_id, t.network, a.attempt_no, a.kind, a.worker, a.started_at,
              a.finished_at, a.outcome, a.lateness_ms, a.duration_ms, a.platform_response,
              a.error_code, a.error_message
       FROM publish_attempts a JOIN post_targets t ON t.id = a.post_target_id
       WHERE t.post_id = $1 ORDER BY a.seq`,
      [postId],
    );
  }
}

export interface AttemptRow {
  id: string;
  post_target_id: string;
  network: SocialNetwork;
  attempt_no: number;
  kind: AttemptKind;
  worker: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: string | null;
  lateness_ms: number | null;
  duration_ms: number | null;
  platform_response: Record<string, unknown> | null;
  error_code: string | null;
  error_message: string | null;
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
}

interface WorkRow {
  caption: string | null;
  render_ids: string[] | null;
  kind: SocialAccountKind;
  status: SocialAccountStatus;
  external_id: string | null;
  platform_post_id: string | null;
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
  };
}
