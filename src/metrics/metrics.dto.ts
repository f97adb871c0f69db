import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { SCHEDULE_LABELS, type ScheduleLabel } from './collection-schedule';
import { COUNT_NAMES, type MetricCounts } from './metric-counts';

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class FollowerHistoryQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (institution-local)' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (institution-local)' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

const NULLABLE_COUNT = { type: 'integer', nullable: true } as const;

/** The comparable counts; null is unknown (the platform did not give it), never 0. */
export class MetricCountsResponse implements MetricCounts {
  @ApiProperty(NULLABLE_COUNT) reach: number | null;
  @ApiProperty(NULLABLE_COUNT) views: number | null;
  @ApiProperty(NULLABLE_COUNT) likes: number | null;
  @ApiProperty(NULLABLE_COUNT) comments: number | null;
  @ApiProperty(NULLABLE_COUNT) shares: number | null;
  @ApiProperty(NULLABLE_COUNT) saves: number | null;
  @ApiProperty(NULLABLE_COUNT) interactions: number | null;
}

export class MetricSnapshotResponse {
  @ApiProperty({ format: 'date-time' }) takenAt: string;
  @ApiProperty({ enum: SCHEDULE_LABELS }) scheduleLabel: ScheduleLabel;
  @ApiProperty({
    description: "The network's own metric names; null = unknown",
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
  })
  metrics: Record<string, number | null>;
}

export class TargetMetricsResponse {
  @ApiProperty({ format: 'uuid' }) postTargetId: string;
  @ApiProperty({ format: 'uuid' }) socialAccountId: string;
  @ApiProperty({ enum: ['instagram', 'facebook', 'x'] }) network: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ example: '2026-11-02', description: 'Institution-local day of publishing' })
  publishedDay: string;
  @ApiProperty({ type: MetricCountsResponse }) latest: MetricCountsResponse;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } })
  latestMetrics: Record<string, number | null>;
  @ApiProperty() snapshotCount: number;
  @ApiProperty({ format: 'date-time', nullable: true }) lastSnapshotAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'Null: the schedule is done' })
  nextSnapshotAt: string | null;
  @ApiProperty({ type: [MetricSnapshotResponse] }) snapshots: MetricSnapshotResponse[];
}

export class PostMetricsResponse {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({
    type: [TargetMetricsResponse],
    description: 'Published targets only; a target not yet measured has no snapshots',
  })
  targets: TargetMetricsResponse[];
}

export class FollowerCountResponse {
  @ApiProperty({ example: '2026-11-02' }) day: string;
  @ApiProperty({ ...NULLABLE_COUNT, description: 'Null: unknown that day' })
  followers: number | null;
  @ApiProperty({ format: 'date-time' }) takenAt: string;
}

export class FollowerHistoryResponse {
  @ApiProperty({ format: 'uuid' }) socialAccountId: string;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ type: [FollowerCountResponse] }) days: FollowerCountResponse[];
}

export function countsOf(row: Record<string, unknown>): MetricCounts {
  return Object.fromEntries(
    COUNT_NAMES.map((n) => [n, row[n] === null || row[n] === undefined ? null : Number(row[n])]),
  ) as MetricCounts;
}
