import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/request-scope';
import { Permission, roleHas } from '../../auth/roles';
import { SOCIAL_NETWORKS } from '../rendering/template';
import { PostImage, PostImages } from './post-images.service';
import { iso, PostImageView, PostResponse, PostSummaryResponse } from './post-response.dto';
import { allowedEvents, PostEvent } from './post-status';
import type { Post, PostVariant } from './post.entity';
import { PostRepository } from './post.repository';

/** The events a route exposes and the permission each needs; the dispatcher's have no route. */
const ROUTED_EVENTS: Partial<Record<PostEvent, Permission>> = {
  edit: Permission.ContentWrite,
  submit: Permission.ContentWrite,
  approve: Permission.ContentApprove,
  request_changes: Permission.ContentApprove,
  schedule: Permission.CalendarWrite,
  cancel: Permission.ContentWrite,
  reopen: Permission.ContentWrite,
};

/** What `user` may do with the post now: its status, their role, and four-eyes for approving. */
export function eventsFor(post: Post, user: AuthUser): PostEvent[] {
  return allowedEvents(post.status).filter((event) => {
    const permission = ROUTED_EVENTS[event];
    if (!permission || !roleHas(user.role, permission)) return false;
    return event !== 'approve' || (user.id !== post.draftedBy && user.id !== post.lastEditedBy);
  });
}

export function toImageView(
  image: Pick<PostImage, 'id' | 'publicUrl' | 'width' | 'height' | 'altText'>,
): PostImageView {
  return {
    id: image.id,
    url: image.publicUrl,
    width: image.width,
    height: image.height,
    altText: image.altText,
  };
}

function networksOf(variants: readonly PostVariant[]) {
  return SOCIAL_NETWORKS.filter((n) => variants.some((v) => v.network === n));
}

/** Posts as the API shows them. */
@Injectable()
export class PostPresenter {
  constructor(
    private readonly posts: PostRepository,
    private readonly images: PostImages,
  ) {}

  async summaries(posts: readonly Post[]): Promise<PostSummaryResponse[]> {
    const ids = posts.map((p) => p.id);
    const variants = await this.posts.variantsOf(ids);
    const names = await this.posts.productNames(
      posts.map((p) => p.productId).filter((id): id is string => id !== null),
    );
    return posts.map((post) =>
      summary(
        post,
        variants.filter((v) => v.postId === post.id),
        post.productId ? (names.get(post.productId) ?? null) : null,
      ),
    );
  }

  async detail(post: Post, user: AuthUser): Promise<PostResponse> {
    const ids = [post.id];
    const variants = await this.posts.variantsOf(ids);
    const targets = await this.posts.targetsOf(ids);
    const media = await this.posts.mediaOf(ids);
    const comments = await this.posts.commentsOf(post.id);
    const overrides = await this.posts.overridesOf(post.id);
    const names = await this.posts.productNames(post.productId ? [post.productId] : []);
    const renderIds = [...new Set(variants.flatMap((v) => v.renderIds))];
    const images = new Map(
      (await this.images.stored(renderIds, false)).map((image) => [image.id, toImageView(image)]),
    );
    return {
      ...summary(post, variants, post.productId ? (names.get(post.productId) ?? null) : null),
      imageTemplateId: post.imageTemplateId,
      captionTemplateId: post.captionTemplateId,
      hashtagGroupId: post.hashtagGroupId,
      variables: post.variables,
      draftedBy: post.draftedBy,
      lastEditedBy: post.lastEditedBy,
      submittedAt: iso(post.submittedAt),
      approvedBy: post.approvedBy,
      approvedAt: iso(post.approvedAt),
      variants: variants.map((v) => ({
        id: v.id,
        network: v.network,
        caption: v.caption,
        images: v.renderIds.flatMap((id) => images.get(id) ?? []),
      })),
      targets: targets.map((t) => ({
        id: t.id,
        socialAccountId: t.socialAccountId,
        network: t.network,
        status: t.status,
        plannedAt: iso(t.plannedAt),
        publishedAt: iso(t.publishedAt),
        permalink: t.permalink,
        lastErrorMessage: t.lastErrorMessage,
      })),
      photos: media.map((m) => ({
        position: m.position,
        mediaAssetId: m.mediaAssetId,
        thumbnailUrl: `/api/media/${m.mediaAssetId}/thumbnail`,
      })),
      comments: comments.map((c) => ({
        id: c.id,
        authorId: c.authorId,
        kind: c.kind,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
      })),
      overrides: overrides.map((o) => ({
        id: o.id,
        source: o.source,
        category: o.category,
        match: o.match,
        reason: o.reason,
        overriddenBy: o.overriddenBy,
        createdAt: o.createdAt.toISOString(),
      })),
      allowedEvents: eventsFor(post, user),
    };
  }
}

function summary(
  post: Post,
  variants: readonly PostVariant[],
  productName: string | null,
): PostSummaryResponse {
  return {
    id: post.id,
    institutionId: post.institutionId,
    productId: post.productId,
    productName,
    title: post.title,
    status: post.status,
    statusReason: post.statusReason,
    networks: networksOf(variants),
    plannedAt: iso(post.plannedAt),
    version: post.version,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

/** The audit view of a post: its own columns and what it is made of, without the comments. */
export function postAuditView(
  post: Post,
  parts: { mediaAssetIds: string[]; socialAccountIds: string[]; captions: object },
) {
  return {
    status: post.status,
    statusReason: post.statusReason,
    title: post.title,
    productId: post.productId,
    imageTemplateId: post.imageTemplateId,
    captionTemplateId: post.captionTemplateId,
    hashtagGroupId: post.hashtagGroupId,
    variables: post.variables,
    plannedAt: iso(post.plannedAt),
    version: post.version,
    ...parts,
  };
}
