import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'publish_failed',
  'needs_reauth',
  'published_late',
  'takedown',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One event for an institution's staff; read state is per user (notification_reads). */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('uuid', { name: 'post_id', nullable: true })
  postId: string | null;

  @Column('uuid', { name: 'post_target_id', nullable: true })
  postTargetId: string | null;

  @Column('uuid', { name: 'social_account_id', nullable: true })
  socialAccountId: string | null;

  @Column('text', { name: 'title_id' })
  titleId: string;

  @Column('text', { name: 'title_en' })
  titleEn: string;

  @Column('text', { name: 'body_id' })
  bodyId: string;

  @Column('text', { name: 'body_en' })
  bodyEn: string;

  /** Path in the web UI (e.g. `/#/konten/<id>`). */
  @Column('text', { nullable: true })
  link: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

@Entity({ name: 'notification_reads' })
export class NotificationRead {
  @PrimaryColumn('uuid', { name: 'notification_id' })
  notificationId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('timestamptz', { name: 'read_at' })
  readAt: Date;
}
