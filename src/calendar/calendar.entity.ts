import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BlackoutKind } from './blackout';

/** One weekly posting slot of a social account ("Monday 10:00" in the institution's zone). */
@Entity({ name: 'posting_slots' })
export class PostingSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'social_account_id' })
  socialAccountId: string;

  @Column('smallint')
  weekday: number;

  @Column('text', { name: 'local_time' })
  localTime: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Whole local days on which nothing may be scheduled; institution_id null = national. */
@Entity({ name: 'blackout_dates' })
export class BlackoutDate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId: string | null;

  /** "YYYY-MM-DD" (date columns are read as strings). */
  @Column('date', { name: 'starts_on' })
  startDate: string;

  @Column('date', { name: 'ends_on' })
  endDate: string;

  @Column('text')
  kind: BlackoutKind;

  @Column('text')
  label: string;

  @Column('text')
  source: 'seed' | 'manual';

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** An open pause has no resumed_at; institution_id null = every institution. */
@Entity({ name: 'publishing_pauses' })
export class PublishingPause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId: string | null;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'paused_by' })
  pausedBy: string;

  @Column('timestamptz', { name: 'paused_at' })
  pausedAt: Date;

  @Column('uuid', { name: 'resumed_by', nullable: true })
  resumedBy: string | null;

  @Column('timestamptz', { name: 'resumed_at', nullable: true })
  resumedAt: Date | null;
}
