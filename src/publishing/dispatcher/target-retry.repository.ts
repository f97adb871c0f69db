import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RetryableTarget {
  id: string;
  postId: string;
  institutionId: string;
  socialAccountId: string;
  status: string;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  accountStatus: string;
  accountName: string;
}

/** Queries of the retry button; every one runs in the caller's transaction. */
@Injectable()
export class TargetRetryRepository {
  /** The target, locked, when it belongs to the post and to a visible institution. */
  async lockTarget(
    manager: EntityManager,
    postId: string,
    targetId: string,
    institutionFilter: string | null,
  ): Promise<RetryableTarget | null> {
    const rows: RetryableTarget[] = await manager.query(
      `SELECT t.id, t.post_id AS "postId", t.institution_id AS "institutionId",
              t.social_account_id AS "socialAccountId", t.status,
              t.last_error_code AS "lastErrorCode", t.last_error_message AS "lastErrorMessage",
              a.status AS "accountStatus", a.display_name AS "accountName"
       FROM post_targets t JOIN social_accounts a ON a.id = t.social_account_id
       WHERE t.id = $1 AND t.post_id = $2 AND ($3::uuid IS NULL OR t.institution_id = $3)
       FOR UPDATE OF t`,
      [targetId, postId, institutionFilter],
    );
    return rows[0] ?? null;
  }

  async isPaused(manager: EntityManager, institutionId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM publishing_pauses
       WHERE resumed_at IS NULL AND paused_at <= $2
         AND (institution_id IS NULL OR institution_id = $1)
       LIMIT 1`,
      [institutionId, at],
    );
    return rows.length > 0;
  }

  /**
   * Due now, with a fresh attempt budget and planned time: lateness and retries count from the
   * retry, and the attempt log (ordered by its sequence) keeps the earlier attempts.
   */
  async requeue(manager: EntityManager, targetId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE post_targets
       SET status = 'pending', planned_at = $2, next_attempt_at = $2, attempt_count = 0,
           lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
       WHERE id = $1`,
      [targetId, at],
    );
  }
}
