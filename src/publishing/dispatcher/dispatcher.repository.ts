import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BatchLoader } from '../../common/batch-loader';
import type { SocialNetwork } from '../../content/rendering/template';
import type { PostTargetStatus } from '../../content/posts/post-status';
import { PublishAttempt, SandboxPost, type AttemptKind } from './dispatcher.entity';

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

/**
 * What the dispatcher writes while publishing a claimed target (attempts, the target's and the
 * post's outcome, the sandbox feed) and what the publishing log reads back. The queue itself —
 * claims, releases, due times — is DispatchQueueRepository's.
 */
@Injectable()
export class DispatcherRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sandboxPostIdFor(
    targetId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const row = await manager.findOne(SandboxPost, {
      where: { postTargetId: targetId },
    });
    return row?.platformPostId ?? null;
  }

  /**
   * Written (and committed) before the platform is called, no transaction. The attempts a claimed
   * batch starts together go in one statement; ids are made here, so each caller gets its own.
   */
  startAttempt(values: NewAttempt): Promise<string> {
    return this.attemptStarts.load(values);
  }

  private readonly attemptStarts = new BatchLoader<NewAttempt, string>(async (attempts) => {
    const ids = attempts.map(() => randomUUID());
    await this.dataSource.query(
      `INSERT INTO publish_attempts (id, institution_id, post_target_id, attempt_no, kind, worker,
         started_at, lateness_ms)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[],
         $7::timestamptz[], $8::bigint[])`,
      [
        ids,
        attempts.map((a) => a.institutionId),
        attempts.map((a) => a.postTargetId),
        attempts.map((a) => a.attemptNo),
        attempts.map((a) => a.kind),
        attempts.map((a) => a.worker),
        attempts.map((a) => a.startedAt),
        attempts.map((a) => a.latenessMs),
      ],
    );
    return ids;
  });

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

  /** The statuses of the post's targets that are not cancelled. */
  async targetStatuses(manager: EntityManager, postId: string): Promise<PostTargetStatus[]> {
    const rows: { status: PostTargetStatus }[] = await manager.query(
      `SELECT status FROM post_targets WHERE post_id = $1 AND status <> 'cancelled'`,
      [postId],
    );
    return rows.map((t) => t.status);
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
  /** int8, which pg returns as text. */
  lateness_ms: string | null;
  duration_ms: number | null;
  platform_response: Record<string, unknown> | null;
  error_code: string | null;
  error_message: string | null;
}
