import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../../audit/audit.service';
import { ProductArchiveHooks } from '../../catalogue/product-archive-hooks';
import type { LocalizedText } from '../../common/app-error';
import { ConsentWithdrawalHooks } from '../../consent/withdrawal-hooks';
import { iso } from './post-response.dto';
import { POST_TRANSITIONS, PostStatus, transition, transitionError } from './post-status';
import type { Post } from './post.entity';
import { PostRepository } from './post.repository';
import { POST_AUDIT_TYPE } from './post.service';

/** Every status `pull_back` applies to: nothing on a platform, nothing in flight. */
const PULLABLE = Object.keys(POST_TRANSITIONS.pull_back) as PostStatus[];

/**
 * Pulls unpublished posts back to draft, inside the caller's transaction, when their product is
 * archived or a photo's consent is withdrawn. The reason is kept on the post (both languages,
 * since it is stored once for every reader), repeated as a 'pulled_back' comment, and audited.
 * Posts being published or already published are Publishing's and the takedown task's business.
 */
@Injectable()
export class PostPullBackService implements OnModuleInit {
  constructor(
    private readonly posts: PostRepository,
    private readonly audit: AuditService,
    private readonly productHooks: ProductArchiveHooks,
    private readonly consentHooks: ConsentWithdrawalHooks,
  ) {}

  onModuleInit(): void {
    this.productHooks.register(async (event, manager) => {
      await this.pullBackForProduct(
        event.productId,
        {
          id: `Produk "${event.productName}" diarsipkan`,
          en: `Product "${event.productName}" was archived`,
        },
        manager,
        event.actor,
      );
    });
    this.consentHooks.register(async (event, manager) => {
      // Pulled back (the posts locked) before the takedown items name them: an item's key-share
      // lock on a post taken first would deadlock two withdrawals of photos in one post, each
      // then asking for the post's update lock.
      await this.pullBackForMedia(
        event.mediaAssetIds,
        {
          id: 'Persetujuan untuk foto dalam postingan ini ditarik; ganti fotonya',
          en: 'The consent for a photo in this post was withdrawn; replace the photo',
        },
        manager,
        event.actor,
      );
      // The takedown task lists every post that used a withdrawn photo, published or not.
      const uses = await this.posts.mediaUses(manager, event.mediaAssetIds);
      await this.posts.linkTakedownItems(manager, event.takedownTaskId, uses);
    });
  }

  async pullBackForProduct(
    productId: string,
    reason: LocalizedText,
    manager: EntityManager,
    actor: AuditActor,
  ): Promise<Post[]> {
    const posts = await this.posts.lockPostsOfProduct(manager, productId, PULLABLE);
    return this.pullBack(posts, reason, manager, actor);
  }

  async pullBackForMedia(
    mediaAssetIds: readonly string[],
    reason: LocalizedText,
    manager: EntityManager,
    actor: AuditActor,
  ): Promise<Post[]> {
    const posts = await this.posts.lockPostsUsingMedia(manager, mediaAssetIds, PULLABLE);
    return this.pullBack(posts, reason, manager, actor);
  }

  private async pullBack(
    posts: readonly Post[],
    reason: LocalizedText,
    manager: EntityManager,
    actor: AuditActor,
  ): Promise<Post[]> {
    const text = `${reason.id} / ${reason.en}`;
    const pulled: Post[] = [];
    for (const post of posts) {
      // The system acts here: no approver, no four-eyes.
      const result = transition(post, 'pull_back', { id: '', canApprove: false }, { reason: text });
      if (!result.ok) throw transitionError(result);
      const saved = await this.posts.update(manager, post, {
        status: result.status,
        statusReason: text,
        approvedBy: null,
        approvedAt: null,
      });
      await this.posts.updateOpenTargets(manager, post.id, {
        status: 'pending',
        plannedAt: null,
        nextAttemptAt: null,
      });
      // A comment needs an author: the user whose action caused it, else the post's last editor.
      await this.posts.insertComment(
        manager,
        saved,
        actor.userId ?? post.lastEditedBy,
        'pulled_back',
        text,
      );
      await this.audit.record(
        {
          actor,
          institutionId: post.institutionId,
          action: 'update',
          entityType: POST_AUDIT_TYPE,
          entityId: post.id,
          before: { status: post.status, statusReason: post.statusReason, version: post.version },
          after: {
            status: saved.status,
            statusReason: saved.statusReason,
            plannedAt: iso(saved.plannedAt),
            version: saved.version,
            event: 'pull_back',
          },
        },
        manager,
      );
      pulled.push(saved);
    }
    return pulled;
  }
}
