import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SocialNetwork } from '../../content/rendering/template';

export const ATTEMPT_OUTCOMES = [
  'published',
  'retry_later',
  'reauthenticate',
  'rejected',
  'unknown_outcome',
  'reconciled_found',
  'reconciled_not_found',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export type AttemptKind = 'publish' | 'reconcile';

/** One call to a platform for a target: written before the call, finished after it. */
@Entity({ name: 'publish_attempts' })
export class PublishAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'post_target_id' })
  postTargetId: string;

  @Column('integer', { name: 'attempt_no' })
  attemptNo: number;

  @Column('text')
  kind: AttemptKind;

  @Column('text')
  worker: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** Null while the call is in flight (or when the worker died during it). */
  @Column('text', { nullable: true })
  outcome: AttemptOutcome | null;

  // bigint: a target may be weeks late. pg returns int8 as text.
  @Column('bigint', {
    name: 'lateness_ms',
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  latenessMs: number | null;

  @Column('integer', { name: 'duration_ms', nullable: true })
  durationMs: number | null;

  @Column('jsonb', { name: 'platform_response', nullable: true })
  platformResponse: Record<string, unknown> | null;

  @Column('text', { name: 'error_code', nullable: true })
  errorCode: string | null;

  @Column('text', { name: 'error_message', nullable: true })
  errorMessage: string | null;
}

/** A post in the local sandbox feed (demo and training accounts); never on a real network. */
@Entity({ name: 'sandbox_posts' })
export class SandboxPost {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'social_account_id' })
  socialAccountId: string;

  @Column('uuid', { name: 'post_target_id' })
  postTargetId: string;

  @Column('text')
  network: SocialNetwork;

  @Column('text')
  marker: string;

  @Column('text', { name: 'platform_post_id' })
  platformPostId: string;

  @Column('text', { nullable: true })
  permalink: string | null;

  @Column('text')
  caption: string;

  @Column('text', { name: 'image_urls', array: true })
  imageUrls: string[];

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;

  @Column('jsonb')
  metrics: Record<string, number | null>;
}
