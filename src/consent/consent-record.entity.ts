import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ConsentChannel } from '../media/clearance';

/**
 * One person's recorded consent. The subject's name lives only here: no other table, audit row
 * or log line copies it.
 */
@Entity({ name: 'consent_records' })
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('text', { name: 'subject_name' })
  subjectName: string;

  @Column('boolean', { name: 'subject_is_minor' })
  subjectIsMinor: boolean;

  @Column('text')
  purpose: string;

  @Column('text', { array: true })
  channels: ConsentChannel[];

  /** YYYY-MM-DD */
  @Column('date', { name: 'valid_from' })
  validFrom: string;

  /** YYYY-MM-DD; null = until withdrawn */
  @Column('date', { name: 'valid_until', nullable: true })
  validUntil: string | null;

  @Column('text', { name: 'evidence_key', nullable: true })
  evidenceKey: string | null;

  @Column('text', { name: 'evidence_mime_type', nullable: true })
  evidenceMimeType: string | null;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { name: 'withdrawn_by', nullable: true })
  withdrawnBy: string | null;

  @Column('text', { name: 'withdrawal_reason', nullable: true })
  withdrawalReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
