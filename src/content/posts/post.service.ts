import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { Page, pageOf, pageOffset } from '../../common/pagination';
import { contentChecks } from './post-checks';
import { PostDraft, PostDrafts, StoredContent } from './post-drafts.service';
import { PostImages } from './post-images.service';
import { explicitCaptions, inputFromCreate, inputFromEdit, PostInput } from './post-input';
import { postAuditView, PostPresenter } from './post-presenter';
import { PostPreviewResponse, PostResponse, PostSummaryResponse } from './post-response.dto';
import { transition, transitionError } from './post-status';
import { CreatePostDto, PostListQuery, UpdatePostDto } from './post.dto';
import type { Post } from './post.entity';
import { PostRepository, VariantValues } from './post.repository';
import { previewOfDraft } from './post-preview';

export const POST_ENTITY = { id: 'Postingan', en: 'Post' };
export const POST_AUDIT_TYPE = 'post';
const PASSING = { unresolvedFindings: 0, invalidCaptions: 0 };

export function staleVersion(): AppError {
  return AppError.conflict('version', {
    id: 'Postingan ini baru saja diubah orang lain; muat ulang lalu coba lagi',
    en: 'Someone else just changed this post; reload it and try again',
  });
}

/** Composing posts: create, edit, read, and the preview of unsaved or saved content. */
@Injectable()
export class PostService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostRepository,
    private readonly drafts: PostDrafts,
    private readonly presenter: PostPresenter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(scope: RequestScope, query: PostListQuery): Promise<Page<PostSummaryResponse>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) {
      throw AppError.validation('to', {
        id: "'to' tidak boleh lebih awal dari 'from'",
        en: "'to' must not be before 'from'",
      });
    }
    const [rows, total] = await this.posts.list(
      {
        institutionId: scope.institutionFilter,
        status: query.status,
        productId: query.productId?.toLowerCase(),
        network: query.network,
        from,
        to,
      },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(await this.presenter.summaries(rows), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<PostResponse> {
    return this.presenter.detail(await this.requireVisible(scope, id), scope.user);
  }

  async create(scope: RequestScope, dto: CreatePostDto): Promise<PostResponse> {
    const institutionId = scope.requireInstitution();
    const now = this.clock.now();
    const input = inputFromCreate(dto, now);
    const draft = await this.drafts.compose(
      institutionId,
      input,
      {
        captions: { explicit: explicitCaptions(dto.captions), stored: {}, refill: false },
        images: 'render',
        postId: null,
        mustBeCleared: new Set(input.mediaAssetIds),
      },
      now,
    );
    const post = await this.dataSource.transaction(async (manager) => {
      const created = await this.posts.insert(manager, {
        institutionId,
        productId: input.productId,
        title: input.title,
        status: 'draft',
        statusReason: null,
        imageTemplateId: input.imageTemplateId,
        captionTemplateId: input.captionTemplateId,
        hashtagGroupId: input.hashtagGroupId,
        variables: input.variables,
        plannedAt: input.plannedAt,
        draftedBy: scope.user.id,
        lastEditedBy: scope.user.id,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
      });
      const parts = await this.store(manager, created, draft);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'create',
          entityType: POST_AUDIT_TYPE,
          entityId: created.id,
          after: postAuditView(created, parts),
        },
        manager,
      );
      return created;
    });
    return this.presenter.detail(post, scope.user);
  }

  /**
   * Edits content. An approved, scheduled, in-review or failed post goes (back) to review when
   * the new content passes the submit checks and to draft when it does not (post-status.ts).
   * Images are rendered again only when their inputs changed.
   */
  async update(scope: RequestScope, id: string, dto: UpdatePostDto): Promise<PostResponse> {
    const now = this.clock.now();
    const post = await this.requireVisible(scope, id);
    if (post.version !== dto.version) throw staleVersion();
    // Refuse an edit of a published or cancelled post before rendering anything.
    const editable = transition(post, 'edit', this.actor(scope), PASSING);
    if (!editable.ok) throw transitionError(editable);
    const stored = await this.drafts.stored(post);
    const input = inputFromEdit(post, stored, dto, now);
    const newPhotos = input.mediaAssetIds.filter((m) => !stored.mediaAssetIds.includes(m));
    const draft = await this.drafts.compose(
      post.institutionId,
      input,
      {
        captions: {
          explicit: explicitCaptions(dto.captions),
          stored: stored.captions,
          refill: dto.captionTemplateId !== undefined || dto.hashtagGroupId !== undefined,
        },
        images: imageInputsChanged(post, stored, input) ? 'render' : { stored: stored.renderIds },
        postId: post.id,
        mustBeCleared: new Set(newPhotos),
        storedProductId: post.productId,
      },
      now,
    );
    const updated = await this.dataSource.transaction(async (manager) => {
      // The photos before the post, the order a consent withdrawal takes them in: their rows
      // written below would otherwise wait for a withdrawal that waits for this post.
      await this.posts.keySharePhotos(manager, input.mediaAssetIds);
      const current = await this.posts.findVisible(id, scope.institutionFilter, manager, true);
      if (!current) throw AppError.notFound(POST_ENTITY);
      if (current.version !== dto.version) throw staleVersion();
      const result = transition(current, 'edit', this.actor(scope), contentChecks(draft.checks));
      if (!result.ok) throw transitionError(result);
      const moved = result.status !== current.status;
      const saved = await this.posts.update(manager, current, {
        title: input.title,
        productId: input.productId,
        imageTemplateId: input.imageTemplateId,
        captionTemplateId: input.captionTemplateId,
        hashtagGroupId: input.hashtagGroupId,
        variables: input.variables,
        plannedAt: input.plannedAt,
        lastEditedBy: scope.user.id,
        ...(moved
          ? {
              status: result.status,
              statusReason: editReason(result.status),
              submittedAt: result.status === 'in_review' ? now : current.submittedAt,
              approvedBy: null,
              approvedAt: null,
            }
          : {}),
      });
      if (moved) {
        // Out of the schedule: the dispatcher must not claim its targets any more.
        await this.posts.updateOpenTargets(manager, current.id, {
          status: 'pending',
          plannedAt: null,
          nextAttemptAt: null,
        });
      }
      const parts = await this.store(manager, saved, draft);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: saved.institutionId,
          action: 'update',
          entityType: POST_AUDIT_TYPE,
          entityId: saved.id,
          before: postAuditView(current, stored),
          after: { ...postAuditView(saved, parts), event: 'edit' },
        },
        manager,
      );
      return saved;
    });
    return this.presenter.detail(updated, scope.user);
  }

  /** Preview of unsaved content: nothing is stored except renders (cached by content). */
  async previewNew(scope: RequestScope, dto: CreatePostDto): Promise<PostPreviewResponse> {
    const institutionId = scope.requireInstitution();
    const now = this.clock.now();
    const input = inputFromCreate(dto, now);
    const draft = await this.drafts.compose(
      institutionId,
      input,
      {
        captions: { explicit: explicitCaptions(dto.captions), stored: {}, refill: false },
        images: 'render',
        postId: null,
        mustBeCleared: new Set(),
      },
      now,
    );
    return previewOfDraft(draft);
  }

  async preview(scope: RequestScope, id: string): Promise<PostPreviewResponse> {
    const post = await this.requireVisible(scope, id);
    return previewOfDraft(await this.drafts.ofStored(post, this.clock.now()));
  }

  async requireVisible(scope: RequestScope, id: string): Promise<Post> {
    const post = await this.posts.findVisible(id, scope.institutionFilter);
    if (!post) throw AppError.notFound(POST_ENTITY);
    return post;
  }

  private actor(scope: RequestScope) {
    return { id: scope.user.id, canApprove: false };
  }

  /** Writes photos, variants and targets; returns what the audit row shows of them. */
  private async store(manager: EntityManager, post: Post, draft: PostDraft) {
    const renderIds = draft.images.map((image) => image.id);
    const variants: VariantValues[] = draft.context.networks.map((network) => ({
      network,
      caption: draft.captions[network],
      renderIds,
    }));
    await this.posts.replaceMedia(manager, post, draft.input.mediaAssetIds);
    await this.posts.syncVariants(manager, post, variants);
    await this.posts.syncTargets(manager, post, draft.context.accounts);
    return {
      mediaAssetIds: draft.input.mediaAssetIds,
      socialAccountIds: draft.context.accounts.map((a) => a.id),
      captions: draft.captions,
    };
  }
}

function imageInputsChanged(post: Post, stored: StoredContent, input: PostInput): boolean {
  if (!PostImages.rendersImages(input)) return stored.renderIds.length > 0;
  const v = (x: PostInput['variables']) => [x.tagline, x.cta, x.oldPriceRupiah].join('\u0000');
  return (
    stored.renderIds.length === 0 ||
    post.imageTemplateId !== input.imageTemplateId ||
    post.productId !== input.productId ||
    stored.mediaAssetIds.join(',') !== input.mediaAssetIds.join(',') ||
    v(post.variables) !== v(input.variables)
  );
}

function editReason(status: string): string | null {
  if (status === 'in_review') {
    return 'Diubah setelah ditinjau; perlu ditinjau ulang / Edited after review; needs review again';
  }
  if (status === 'draft') {
    return 'Diubah dan belum lolos pemeriksaan; perbaiki lalu ajukan lagi / Edited and no longer passes the checks; fix it and submit again';
  }
  return null;
}
