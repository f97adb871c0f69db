import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import type { AuditEntry } from './audit-entry.entity';
import { AUDIT_ACTIONS, type AuditAction } from './audit.service';

/** An instant needs its offset: a bare local time would mean different things per zone. */
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** Filters shared by the list and the CSV export. */
export class AuditFilterQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries at or after this instant',
    example: '2025-01-01T00:00:00+07:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'from must include a time zone offset or Z' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'to must include a time zone offset or Z' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ example: 'product' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'entityType must be a snake_case name' })
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(200)
  entityId?: string;
}

export class AuditQueryDto extends IntersectionType(AuditFilterQueryDto, PageQueryDto) {}

export class AuditEntryResponse {
  @ApiProperty({ description: 'Sequence number (a 64-bit integer, as a string)', example: '42' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  institutionId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorUserId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'admin@lapas.go.id' })
  actorEmail: string | null;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: string;

  @ApiProperty({ example: 'product' })
  entityType: string;

  @ApiProperty({ nullable: true, type: String })
  entityId: string | null;

  @ApiProperty({ nullable: true, description: 'State before the change (secrets redacted)' })
  before: unknown;

  @ApiProperty({ nullable: true, description: 'State after the change (secrets redacted)' })
  after: unknown;

  @ApiProperty({ nullable: true, type: String })
  requestId: string | null;
}

export class AuditPageResponse extends PageResponse(AuditEntryResponse) {}

export function toAuditEntryResponse(entry: AuditEntry): AuditEntryResponse {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    institutionId: entry.institutionId,
    actorUserId: entry.actorUserId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    requestId: entry.requestId,
  };
}
