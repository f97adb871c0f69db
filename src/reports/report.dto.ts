import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { MonthlyReportRow, ReportFormat, ReportScope } from './report.repository';

const SCOPES: ReportScope[] = ['institution', 'national'];
const FORMATS: ReportFormat[] = ['pdf', 'csv', 'xlsx'];

export class GenerateReportDto {
  /** Checked by parseReportMonth, which tells malformed (400) from future (422) months. */
  @ApiProperty({ example: '2026-10', description: 'YYYY-MM, not after the current month' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  month?: string;

  @ApiPropertyOptional({
    enum: SCOPES,
    default: 'institution',
    description: "national: every institution (national roles); otherwise the caller's institution",
  })
  @IsOptional()
  @IsIn(SCOPES)
  scope?: ReportScope;
}

export class ReportFileQuery {
  @ApiPropertyOptional({ enum: FORMATS, default: 'pdf' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: ReportFormat;
}

export class MonthlyReportResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: national' })
  institutionId!: string | null;
  @ApiProperty({ example: '2026-10' })
  month!: string;
  @ApiProperty({ enum: SCOPES })
  scope!: ReportScope;
  @ApiProperty()
  generatedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: scheduled job' })
  generatedBy!: string | null;
}

export function toMonthlyReportResponse(row: MonthlyReportRow): MonthlyReportResponse {
  return { ...row, generatedAt: row.generatedAt.toISOString() };
}
