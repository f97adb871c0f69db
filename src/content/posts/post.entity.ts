import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SocialNetwork } from '../rendering/template';
import type { PostStatus, PostTargetStatus } from './post-status';

/** What a post's template variables may hold; all optional, all plain text or rupiah. */
export interface PostVariables {
  tagline?: string;
  cta?: string;
  oldPriceRupiah?: number;
  discountLabel?: string;
}

@Entity({ name: 'posts' })
export class Post {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  /** Null for an institution announcement. */
  @Column('uuid', { name: 'product_id', nullable: true })
  productId: string | null;

  @Column('text')
  title: string;

  @Column('text')
  status: PostStatus;

  /** Why the post is where it is (pulled back, cancelled, changes requested); shown in the UI. */
  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column('uuid', { name: 'image_template_id', nullable: true })
  imageTemplateId: string | null;

  @Column('uuid', { name: 'caption_template_id', nullable: true })
  captionTemplateId: string | null;

  @Column('uuid', { name: 'hashtag_group_id', nullable: true })
  hashtagGroupId: string | null;

  @Column('jsonb')
  variables: PostVariables;

  @Column('timestamptz', { name: 'planned_at', nullable: true })
  plannedAt: Date | null;

  @Column('uuid', { name: 'drafted_by' })
  draftedBy: string;

  @Column('uuid', { name: 'last_edited_by' })
  lastEditedBy: string;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  /** Optimistic concurrency: bumped by every change; an edit naming an older one gets 409. */
  @Column('integer')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The post's photos in order (position 0..9). */
@Entity({ name: 'post_media' })
export class PostMedia {
  @PrimaryColumn('uuid', { name: 'post_id' })
  postId: string;

  @PrimaryColumn('smallint')
  position: number;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'media_asset_id' })
  mediaAssetId: string;
}

/** One per target network: the caption and the rendered images sent there. */
@Entity({ name: 'post_variants' })
export class PostVariant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'post_id' })
  postId: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('text')
  network: SocialNetwork;

  @Column('text')
  caption: string;

  @Column('uuid', { name: 'render_ids', array: true })
  renderIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One per social account: the unit the Publishing dispatcher claims. Content only creates them
 * and sets the planned time; the lease and outcome columns belong to Publishing.
 */
@Entity({ name: 'post_targets' })
export class PostTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'post_id' })
  postId: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'social_account_id' })
  socialAccountId: string;

  @Column('text')
  network: SocialNetwork;

  @Column('text')
  status: PostTargetStatus | 'cancelled';

  @Column('timestamptz', { name: 'planned_at', nullable: true })
  plannedAt: Date | null;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('integer', { name: 'attempt_count' })
  attemptCount: number;

  @Column('text', { name: 'platform_post_id', nullable: true })
  platformPostId: string | null;

  @Column('text', { nullable: true })
  permalink: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('text', { name: 'last_error_code', nullable: true })
  lastErrorCode: string | null;

  @Column('text', { name: 'last_error_message', nullable: true })
  lastErrorMessage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const POST_COMMENT_KINDS = [
  'comment',
  'changes_requested',
  'approved',
  'override',
  'pulled_back',
] as const;
export type PostCommentKind = (typeof POST_COMMENT_KINDS)[number];

@Entity({ name: 'post_comments' })
export class PostComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'post_id' })
  postId: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('text')
  kind: PostCommentKind;

  @Column('text')
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An approver's written acceptance of one dignity finding (source, category, match). */
@Entity({ name: 'dignity_overrides' })
export class DignityOverride {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'post_id' })
  postId: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('text')
  source: string;

  @Column('text')
  category: string;

  @Column('text')
  match: string;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'overridden_by' })
  overriddenBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
