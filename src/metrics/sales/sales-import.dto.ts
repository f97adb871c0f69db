import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { SalesImportRow } from './sales-import.repository';

export const SALES_SOURCES = ['tokopedia', 'shopee', 'gallery', 'exhibition', 'other'] as const;
export type SalesSource = (typeof SALES_SOURCES)[number];

/** The text field sent beside the file. */
export class SalesImportFields {
  @ApiProperty({ enum: SALES_SOURCES, description: 'Where the sales happened' })
  @IsIn(SALES_SOURCES)
  source!: SalesSource;
}

/** The multipart body as documented. */
export class SalesImportUploadDto extends SalesImportFields {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV with columns date, sku, quantity, revenue (Bahasa Indonesia headers too)',
  })
  file!: unknown;
}

export class SalesImportListQuery {
  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must look like 2026-11' })
  month?: string;
}

export class SalesImportResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: SALES_SOURCES })
  source!: SalesSource;
  @ApiProperty({ example: '2026-11' })
  month!: string;
  @ApiProperty()
  fileName!: string;
  @ApiProperty({ description: 'Data rows read from the file' })
  rowCount!: number;
  @ApiProperty()
  quantity!: number;
  @ApiProperty({ description: 'Whole rupiah' })
  revenueIdr!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The earlier import of the same month and source that this one replaced',
  })
  replacedImportId!: string | null;
  @ApiProperty()
  createdAt!: string;
}

export function toSalesImportResponse(row: SalesImportRow): SalesImportResponse {
  return {
    id: row.id,
    source: row.source,
    month: row.month,
    fileName: row.fileName,
    rowCount: row.rowCount,
    quantity: Number(row.quantity),
    revenueIdr: Number(row.revenueIdr),
    replacedImportId: row.replacedImportId,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
