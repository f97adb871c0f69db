import { Injectable } from '@nestjs/common';
import { DignityService } from '../library/dignity.service';
import type { SocialNetwork } from '../rendering/template';
import { checkPostContent, ImageForCheck, PostChecks } from './post-checks';
import { captionValues, LoadOptions, PostContext, PostContextLoader } from './post-context.loader';
import { PostImage, PostImages } from './post-images.service';
import { CaptionPlan, chooseCaptions, PostInput } from './post-input';
import type { Post } from './post.entity';
import { PostRepository } from './post.repository';
import { photoRuleViolations } from './photo-rules';

/** A post's content as it would be stored, with the submit checks run on it. */
export interface PostDraft {
  input: PostInput;
  context: PostContext;
  captions: Record<SocialNetwork, string>;
  /** Rendered images (the same for every network); empty when the photos go out as they are. */
  images: PostImage[];
  checks: PostChecks;
}

export interface ComposeOptions extends LoadOptions {
  captions: CaptionPlan;
  /** Render afresh, or reuse these stored renders (an edit that left the image inputs alone). */
  images: 'render' | { stored: string[] };
  /** The stored post, whose dignity overrides apply; null for new content. */
  postId: string | null;
}

/** What a stored post was made from, for re-checking or editing it. */
export interface StoredContent {
  mediaAssetIds: string[];
  socialAccountIds: string[];
  captions: Partial<Record<SocialNetwork, string>>;
  renderIds: string[];
}

/**
 * Builds drafts: from new input (create, preview, edit) or from a stored post (submit, approve,
 * schedule, its preview). All reads happen before any transaction opens.
 */
@Injectable()
export class PostDrafts {
  constructor(
    private readonly posts: PostRepository,
    private readonly loader: PostContextLoader,
    private readonly images: PostImages,
    private readonly dignity: DignityService,
  ) {}

  async compose(
    institutionId: string,
    input: PostInput,
    options: ComposeOptions,
    now: Date,
  ): Promise<PostDraft> {
    const context = await this.loader.load(institutionId, input, options, now);
    const captions = chooseCaptions(
      context.networks,
      options.captions,
      context.captionTemplate,
      captionValues(context, input),
    );
    const images =
      options.images === 'render'
        ? await this.images.render(institutionId, input)
        : await this.images.stored(options.images.stored, true);
    const checks = await this.check(
      institutionId,
      input,
      context,
      captions,
      images,
      options.postId,
    );
    return { input, context, captions, images, checks };
  }

  async stored(post: Post): Promise<StoredContent> {
    const [media, targets, variants] = [
      await this.posts.mediaOf([post.id]),
      await this.posts.targetsOf([post.id]),
      await this.posts.variantsOf([post.id]),
    ];
    const captions: Partial<Record<SocialNetwork, string>> = {};
    for (const variant of variants) captions[variant.network] = variant.caption;
    return {
      mediaAssetIds: media.map((m) => m.mediaAssetId),
      socialAccountIds: targets.map((t) => t.socialAccountId),
      captions,
      renderIds: variants[0]?.renderIds ?? [],
    };
  }

  /**
   * The stored post exactly as it is: stored captions and renders, checked now; photo clearance
   * at `plannedAt` (default: the post's own planned time, or now).
   */
  async ofStored(post: Post, now: Date, plannedAt?: Date): Promise<PostDraft> {
    const stored = await this.stored(post);
    const input = { ...inputOfStored(post, stored), plannedAt: plannedAt ?? post.plannedAt };
    return this.compose(
      post.institutionId,
      input,
      {
        captions: { explicit: {}, stored: stored.captions, refill: false },
        images: { stored: stored.renderIds },
        postId: post.id,
        mustBeCleared: new Set(),
        storedProductId: post.productId,
      },
      now,
    );
  }

  private async check(
    institutionId: string,
    input: PostInput,
    context: PostContext,
    captions: Record<SocialNetwork, string>,
    images: readonly PostImage[],
    postId: string | null,
  ): Promise<PostChecks> {
    const imageTexts = await this.images.imageTexts(institutionId, input, context);
    const overrides = postId ? await this.posts.overridesOf(postId) : [];
    const dignity = await this.dignity.checker(institutionId);
    const rendered = PostImages.rendersImages(input);
    return checkPostContent(
      {
        variants: context.networks.map((network) => ({
          network,
          caption: captions[network],
          images: rendered
            ? images.map((image): ImageForCheck => ({
                source: `render:${image.id}`,
                violations: image.networkViolations?.[network] ?? [],
              }))
            : context.photos.map((photo): ImageForCheck => ({
                source: `photo:${photo.id}`,
                violations: photoRuleViolations(photo, network),
              })),
        })),
        imageTexts,
        photos: context.clearance,
        problems: context.problems,
      },
      dignity,
      overrides,
    );
  }
}

export function inputOfStored(post: Post, stored: StoredContent): PostInput {
  return {
    title: post.title,
    productId: post.productId,
    mediaAssetIds: stored.mediaAssetIds,
    imageTemplateId: post.imageTemplateId,
    captionTemplateId: post.captionTemplateId,
    hashtagGroupId: post.hashtagGroupId,
    variables: post.variables,
    socialAccountIds: stored.socialAccountIds,
    plannedAt: post.plannedAt,
  };
}
