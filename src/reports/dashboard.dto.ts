import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class DashboardQuery {
  /** Checked by parseReportMonth, which tells malformed (400) from future (422) months. */
  @ApiPropertyOptional({ example: '2026-11', description: 'YYYY-MM, not after the current month' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  month?: string;
}

const FREE_OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * The monthly dashboard (see DashboardService's Dashboard type). Rates are fractions
 * (0.045 = 4.5%); `change` values are relative to the previous month; an interest score of 100
 * is the average of the group (institution, or all institutions for the national roll-up).
 */
export class DashboardResponse {
  @ApiProperty({ ...FREE_OBJECT, description: 'institution (id, name, zone) or national' })
  scope!: object;
  @ApiProperty({ example: '2026-11' })
  month!: string;
  @ApiProperty({ example: '2026-10' })
  previousMonth!: string;
  @ApiProperty({
    ...FREE_OBJECT,
    description:
      'posts, reach, views, interactions, engagementRate, clicks, clickThroughRate, salesQuantity, salesRevenueIdr, previous, change',
  })
  totals!: object;
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: 'One point per day' })
  daily!: object[];
  @ApiProperty({ type: 'array', items: FREE_OBJECT, description: 'Per network, with previous' })
  networks!: object[];
  @ApiProperty({ ...FREE_OBJECT, description: 'count, prior, top, bottom by interest score' })
  products!: object;
  @ApiProperty({ ...FREE_OBJECT, description: 'count, prior, top, bottom by interest score' })
  workshops!: object;
  @ApiProperty({ type: 'array', items: FREE_OBJECT })
  postsPerWorkshop!: object[];
  @ApiProperty({
    ...FREE_OBJECT,
    description: 'weekday × local hour cells with engagement rate, and the best cells',
  })
  postingTimes!: object;
  @ApiProperty({
    ...FREE_OBJECT,
    description: 'targets, published, failed, onTimeShare, failuresByReason, byNetwork',
  })
  reliability!: object;
}
