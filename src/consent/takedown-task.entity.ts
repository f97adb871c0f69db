import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TakedownStatus } from './takedown-status';

/** Opened when a consent is withdrawn: everything that used the person's photos must come down. */
@Entity({ name: 'takedown_tasks' })
export class TakedownTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'consent_record_id' })
  consentRecordId: string;

  @Column('text')
  status: TakedownStatus;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('uuid', { name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One affected photo; the Content and Publishing issues add the posts that used it. */
@Entity({ name: 'takedown_task_items' })
export class TakedownTaskItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'task_id' })
  taskId: string;

  @Column('uuid', { name: 'media_asset_id' })
  mediaAssetId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
