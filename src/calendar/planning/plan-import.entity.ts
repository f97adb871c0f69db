import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanError } from '../plan-file';

export const PLAN_IMPORT_STATUSES = ['validating', 'importing', 'done', 'failed'] as const;
export type PlanImportStatus = (typeof PLAN_IMPORT_STATUSES)[number];

@Entity({ name: 'plan_imports' })
export class PlanImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId!: string;

  @Column('text')
  status!: PlanImportStatus;

  @Column('text', { name: 'file_name' })
  fileName!: string;

  @Column('integer', { name: 'total_rows' })
  totalRows!: number;

  @Column('integer', { name: 'processed_rows' })
  processedRows!: number;

  @Column('integer', { name: 'created_posts' })
  createdPosts!: number;

  @Column('jsonb')
  errors!: PlanError[];

  @Column('uuid', { name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
