import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SocialNetwork } from '../content/rendering/template';
import type { AccountKind } from '../platforms/platform-registry';
import type { TakedownStatus } from './takedown-status';

export type RemovalStatus = 'removed' | 'manual' | 'manual_done';

export interface TaskRef {
  id: string;
  institutionId: string;
  status: TakedownStatus;
}

/** A published target of one of the task's posts, not yet taken down. */
export interface PublishedTarget {
  id: string;
  postId: string;
  postTitle: string;
  institutionId: string;
  socialAccountId: string;
  accountKind: AccountKind;
  network: SocialNetwork;
  platformPostId: string | null;
  permalink: string | null;
}

export interface RemovalRow {
  id: string;
  taskId: string;
  institutionId: string;
  postId: string;
  postTargetId: string;
  network: SocialNetwork;
  platformPostId: string | null;
  permalink: string | null;
  status: RemovalStatus;
  detail: string | null;
  attemptedAt: Date;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

const REMOVAL = `id, task_id AS "taskId", institution_id AS "institutionId", post_id AS "postId",
  post_target_id AS "postTargetId", network, platform_post_id AS "platformPostId", permalink, status,
  detail, attempted_at AS "attemptedAt", resolved_by AS "resolvedBy", resolved_at AS "resolvedAt"`;

@Injectable()
export class TakedownRemovalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findTask(
    id: string,
    institutionFilter: string | null,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<TaskRef | null> {
    const rows: TaskRef[] = await manager.query(
      `SELECT id, institution_id AS "institutionId", status FROM takedown_tasks
       WHERE id = $1 AND ($2::uuid IS NULL OR institution_id = $2) ${lock ? 'FOR UPDATE' : ''}`,
      [id, institutionFilter],
    );
    return rows[0] ?? null;
  }

  async publishedTargets(taskId: string): Promise<PublishedTarget[]> {
    return this.dataSource.query(
      `SELECT t.id, t.post_id AS "postId", p.title AS "postTitle", t.institution_id AS "institutionId",
              t.social_account_id AS "socialAccountId", a.kind AS "accountKind", t.network,
              t.platform_post_id AS "platformPostId", t.permalink
       FROM post_targets t
       JOIN posts p ON p.id = t.post_id
       JOIN social_accounts a ON a.id = t.social_account_id
       WHERE t.post_id IN (SELECT post_id FROM takedown_task_items WHERE task_id = $1)
         AND t.status = 'published' AND t.taken_down_at IS NULL
       ORDER BY t.post_id, t.network, t.id`,
      [taskId],
    );
  }

  async saveRemoval(
    manager: EntityManager,
    taskId: string,
    target: PublishedTarget,
    result: { status: RemovalStatus; detail: string | null; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO takedown_removals (task_id, institution_id, post_id, post_target_id, network,
                                      platform_post_id, permalink, status, detail, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (task_id, post_target_id) DO UPDATE
         SET status = EXCLUDED.status, detail = EXCLUDED.detail, attempted_at = EXCLUDED.attempted_at`,
      [
        taskId,
        target.institutionId,
        target.postId,
        target.id,
        target.network,
        target.platformPostId,
        target.permalink,
        result.status,
        result.detail,
        result.at,
      ],
    );
  }

  /** The target is off the platform; the sandbox feed (if it was a sandbox post) drops it too. */
  async markTakenDown(manager: EntityManager, targetId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE post_targets SET taken_down_at = $2, updated_at = now() WHERE id = $1`,
      [targetId, at],
    );
    await manager.query(`DELETE FROM sandbox_posts WHERE post_target_id = $1`, [targetId]);
  }

  async removals(taskId: string): Promise<RemovalRow[]> {
    return this.dataSource.query(
      `SELECT ${REMOVAL} FROM takedown_removals WHERE task_id = $1
       ORDER BY (status = 'manual') DESC, attempted_at, id`,
      [taskId],
    );
  }

  async lockRemoval(
    manager: EntityManager,
    taskId: string,
    removalId: string,
  ): Promise<RemovalRow | null> {
    const rows: RemovalRow[] = await manager.query(
      `SELECT ${REMOVAL} FROM takedown_removals WHERE id = $1 AND task_id = $2 FOR UPDATE`,
      [removalId, taskId],
    );
    return rows[0] ?? null;
  }

  async resolveRemoval(
    manager: EntityManager,
    removalId: string,
    by: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE takedown_removals SET status = 'manual_done', resolved_by = $2, resolved_at = $3
       WHERE id = $1`,
      [removalId, by, at],
    );
  }

  async startTask(manager: EntityManager, taskId: string): Promise<void> {
    await manager.query(
      `UPDATE takedown_tasks SET status = 'in_progress', updated_at = now()
       WHERE id = $1 AND status = 'open'`,
      [taskId],
    );
  }
}
