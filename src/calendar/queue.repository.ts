import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { PostingSlot } from './calendar.entity';
import type { SlotRule } from './slots';

export interface QueuedTarget {
  targetId: string;
  postId: string;
  title: string;
  plannedAt: Date;
}

/** A target `t` of account $1 waiting in its queue for a slot after $2. */
const QUEUED_TARGET = `t.social_account_id = $1 AND t.queued
  AND t.status IN ('pending', 'retry_waiting') AND t.planned_at > $2`;

export interface OpenTarget {
  id: string;
  socialAccountId: string;
}

/** Posting slots and the queued targets of an account. */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async slotsOf(accountId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.find(PostingSlot, {
      where: { socialAccountId: accountId },
      order: { weekday: 'ASC', localTime: 'ASC' },
    });
  }

  async replaceSlots(
    manager: EntityManager,
    account: { id: string; institutionId: string },
    rules: readonly SlotRule[],
    createdBy: string,
  ): Promise<PostingSlot[]> {
    await manager.delete(PostingSlot, { socialAccountId: account.id });
    if (rules.length > 0) {
      await manager.insert(
        PostingSlot,
        rules.map((rule) => ({
          institutionId: account.institutionId,
          socialAccountId: account.id,
          weekday: rule.weekday,
          localTime: rule.time,
          createdBy,
        })),
      );
    }
    return this.slotsOf(account.id, manager);
  }

  /** Instants the account's other waiting targets hold from `from` on. */
  async takenInstants(
    manager: EntityManager,
    accountId: string,
    from: Date,
    exceptTargetId: string,
  ): Promise<Date[]> {
    const rows: { planned_at: Date }[] = await manager.query(
      `SELECT planned_at FROM post_targets
       WHERE social_account_id = $1 AND planned_at >= $2 AND id <> $3
         AND status NOT IN ('cancelled', 'published', 'failed')`,
      [accountId, from, exceptTargetId],
    );
    return rows.map((r) => new Date(r.planned_at));
  }

  /** The post's targets that still wait to be published. */
  async openTargets(manager: EntityManager, postId: string): Promise<OpenTarget[]> {
    const rows: { id: string; social_account_id: string }[] = await manager.query(
      `SELECT id, social_account_id FROM post_targets
       WHERE post_id = $1 AND status IN ('pending', 'retry_waiting') ORDER BY network, id`,
      [postId],
    );
    return rows.map((r) => ({ id: r.id, socialAccountId: r.social_account_id }));
  }

  /**
   * Puts a target into a queue slot inside a savepoint: true when it stuck, false when another
   * request took the slot first (uq_post_targets_queue_slot), leaving the transaction usable.
   */
  async tryTakeSlot(manager: EntityManager, targetId: string, slot: Date): Promise<boolean> {
    await manager.query('SAVEPOINT queue_slot');
    try {
      await manager.query(
        `UPDATE post_targets SET planned_at = $2, next_attempt_at = $2, queued = true,
                updated_at = now()
         WHERE id = $1`,
        [targetId, slot],
      );
      await manager.query('RELEASE SAVEPOINT queue_slot');
      return true;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT queue_slot');
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Queued targets of the account still to come, earliest first. */
  async queueOf(
    accountId: string,
    from: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<QueuedTarget[]> {
    const rows: { id: string; post_id: string; title: string; planned_at: Date }[] =
      await manager.query(
        `SELECT t.id, t.post_id, p.title, t.planned_at FROM post_targets t
         JOIN posts p ON p.id = t.post_id
         WHERE ${QUEUED_TARGET}
         ORDER BY t.planned_at, t.id`,
        [accountId, from],
      );
    return rows.map((r) => ({
      targetId: r.id,
      postId: r.post_id,
      title: r.title,
      plannedAt: new Date(r.planned_at),
    }));
  }

  /**
   * Locks the posts of the account's queue in id order, as a post is locked before its targets
   * everywhere else (adding to the queue, moving, cancelling, publishing).
   */
  async lockQueuedPosts(manager: EntityManager, accountId: string, from: Date): Promise<void> {
    await manager.query(
      `SELECT p.id FROM posts p
       WHERE p.id IN (SELECT t.post_id FROM post_targets t WHERE ${QUEUED_TARGET})
       ORDER BY p.id FOR UPDATE OF p`,
      [accountId, from],
    );
  }

  /**
   * Moves queued targets to new slots. They leave the queue index first, so swapping two slots
   * never collides with itself.
   */
  async reassign(
    manager: EntityManager,
    moves: readonly { targetId: string; slot: Date }[],
  ): Promise<void> {
    if (moves.length === 0) return;
    await manager.query(`UPDATE post_targets SET queued = false WHERE id = ANY($1)`, [
      moves.map((m) => m.targetId),
    ]);
    for (const move of moves) {
      await manager.query(
        `UPDATE post_targets SET planned_at = $2, next_attempt_at = $2, queued = true,
                updated_at = now()
         WHERE id = $1`,
        [move.targetId, move.slot],
      );
    }
  }

  /** A post's time is its earliest waiting target's. */
  async syncPostTimes(manager: EntityManager, postIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE posts p SET planned_at = sub.at, version = p.version + 1, updated_at = now()
       FROM (SELECT post_id, min(planned_at) AS at FROM post_targets
             WHERE post_id = ANY($1) AND status NOT IN ('cancelled') GROUP BY post_id) sub
       WHERE p.id = sub.post_id`,
      [[...postIds]],
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505';
}
