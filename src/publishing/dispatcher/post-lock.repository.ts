import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PostForTransition, PostStatus } from '../../content/posts/post-status';

export interface LockedPost extends PostForTransition {
  id: string;
}

/**
 * The post row as publishing changes it (the dispatcher's outcomes, the retry button), in the
 * caller's transaction. A post is locked before its targets, everywhere.
 */
@Injectable()
export class PostLockRepository {
  /** The post, locked until the transaction ends. */
  async lockPost(manager: EntityManager, postId: string): Promise<LockedPost | null> {
    const rows: LockedPost[] = await manager.query(
      `SELECT id, status, drafted_by AS "draftedBy", last_edited_by AS "lastEditedBy"
       FROM posts WHERE id = $1 FOR UPDATE`,
      [postId],
    );
    return rows[0] ?? null;
  }

  async setPostStatus(manager: EntityManager, postId: string, status: PostStatus): Promise<void> {
    await manager.query(
      `UPDATE posts SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [postId, status],
    );
  }
}
