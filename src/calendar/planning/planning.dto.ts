import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PlanImport } from './plan-import.entity';

export class WeekQuery {
  /** ISO week in the institution's zone, e.g. 2026-W49. */
  @IsString()
  @MaxLength(10)
  week!: string;
}

export class ExportQuery extends WeekQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class CopyWeekDto {
  @IsString()
  @MaxLength(10)
  fromWeek!: string;

  @IsString()
  @MaxLength(10)
  toWeek!: string;
}

export class PlanImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV or XLSX, at most 10 MB' })
  file!: unknown;
}

export class PlanErrorResponse {
  row!: number;
  @ApiProperty({ type: String, nullable: true })
  column!: string | null;
  @ApiProperty({ example: { id: 'Pesan', en: 'Message' } })
  message!: { id: string; en: string };
}

export class PlanImportResponse {
  id!: string;
  @ApiProperty({ enum: ['validating', 'importing', 'done', 'failed'] })
  status!: string;
  fileName!: string;
  totalRows!: number;
  processedRows!: number;
  createdPosts!: number;
  @ApiProperty({ type: [PlanErrorResponse] })
  errors!: PlanErrorResponse[];
  createdAt!: string;
  @ApiProperty({ type: String, nullable: true })
  finishedAt!: string | null;
}

export function toPlanImportResponse(plan: PlanImport): PlanImportResponse {
  return {
    id: plan.id,
    status: plan.status,
    fileName: plan.fileName,
    totalRows: plan.totalRows,
    processedRows: plan.processedRows,
    createdPosts: plan.createdPosts,
    errors: plan.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
    createdAt: plan.createdAt.toISOString(),
    finishedAt: plan.finishedAt?.toISOString() ?? null,
  };
}

export class CopyWeekResponse {
  fromWeek!: string;
  toWeek!: string;
  created!: string[];
  /** Source posts whose copy would fall before now. */
  skippedPast!: string[];
}

export class FeedUrlResponse {
  /** Shown once; store it in the calendar app. */
  url!: string;
}
