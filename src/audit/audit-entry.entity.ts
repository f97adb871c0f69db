import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of the append-only audit log (a database trigger refuses UPDATE and DELETE). */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @PrimaryColumn('bigint')
  id: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId: string | null;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('text', { name: 'actor_email', nullable: true })
  actorEmail: string | null;

  @Column('text')
  action: string;

  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Column('text', { name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column('jsonb', { nullable: true })
  before: unknown;

  @Column('jsonb', { nullable: true })
  after: unknown;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;
}
