import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import type { TakedownTask, TakedownTaskItem } from './takedown-task.entity';
import { TAKEDOWN_STATUSES, type TakedownStatus } from './takedown-status';

export class TakedownListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: TAKEDOWN_STATUSES })
  @IsOptional()
  @IsIn(TAKEDOWN_STATUSES)
  status?: TakedownStatus;
}

export class UpdateTakedownDto {
  @ApiProperty({ enum: TAKEDOWN_STATUSES, description: 'open → in_progress → done | cancelled' })
  @IsIn(TAKEDOWN_STATUSES)
  status: TakedownStatus;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Kept in the audit log' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note?: string;
}

export class TakedownItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mediaAssetId: string;
  @ApiProperty() createdAt: Date;
}

export class TakedownResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ format: 'uuid' }) consentRecordId: string;
  @ApiProperty({ enum: TAKEDOWN_STATUSES }) status: TakedownStatus;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ type: [TakedownItemResponse] }) items: TakedownItemResponse[];
}

export class TakedownPageResponse extends PageResponse(TakedownResponse) {}

export function toTakedownResponse(
  task: TakedownTask,
  items: readonly TakedownTaskItem[],
): TakedownResponse {
  return {
    id: task.id,
    institutionId: task.institutionId,
    consentRecordId: task.consentRecordId,
    status: task.status,
    reason: task.reason,
    createdBy: task.createdBy,
    closedBy: task.closedBy,
    closedAt: task.closedAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    items: items
      .filter((item) => item.taskId === task.id)
      .map((item) => ({ id: item.id, mediaAssetId: item.mediaAssetId, createdAt: item.createdAt })),
  };
}
