import { ApiProperty } from '@nestjs/swagger';
import type { SocialNetwork } from '../content/rendering/template';
import type { RemovalRow, RemovalStatus } from './takedown-removal.repository';

export const REMOVAL_STATUSES = ['removed', 'manual', 'manual_done'] as const;

export class TakedownRemovalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) postTargetId: string;
  @ApiProperty({ enum: ['instagram', 'facebook', 'x'] }) network: SocialNetwork;
  @ApiProperty({ nullable: true, type: String }) platformPostId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Where a person removes the post by hand',
  })
  permalink: string | null;
  @ApiProperty({
    enum: REMOVAL_STATUSES,
    description: 'removed through the platform; manual: a person must remove it; manual_done',
  })
  status: RemovalStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why it is manual (ID / EN)' })
  detail: string | null;
  @ApiProperty() attemptedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) resolvedAt: Date | null;
}

export class TakedownRemovalListResponse {
  @ApiProperty({ type: [TakedownRemovalResponse] }) items: TakedownRemovalResponse[];
}

export function toRemovalResponse(row: RemovalRow): TakedownRemovalResponse {
  return {
    id: row.id,
    taskId: row.taskId,
    postId: row.postId,
    postTargetId: row.postTargetId,
    network: row.network,
    platformPostId: row.platformPostId,
    permalink: row.permalink,
    status: row.status,
    detail: row.detail,
    attemptedAt: row.attemptedAt,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt,
  };
}
