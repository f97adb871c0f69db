import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { QueryBoolean } from '../common/dto-decorators';
import { PageQueryDto, PageResponse } from '../common/pagination';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.entity';
import type { NotificationRow } from './notifications.repository';

export class NotificationListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications the caller has not read' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
}

export class LocalizedTextResponse {
  @ApiProperty({ description: 'Bahasa Indonesia' }) id: string;
  @ApiProperty({ description: 'English' }) en: string;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) postId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) postTargetId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) socialAccountId: string | null;
  @ApiProperty({ type: LocalizedTextResponse }) title: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) body: LocalizedTextResponse;
  @ApiProperty({ nullable: true, type: String, description: 'Path in the web UI' })
  link: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: "The caller's read time" })
  readAt: Date | null;
}

export class NotificationPageResponse extends PageResponse(NotificationResponse) {}

export class UnreadCountResponse {
  @ApiProperty() unread: number;
}

export class MarkedReadResponse {
  @ApiProperty() marked: number;
}

export function toNotificationResponse(row: NotificationRow): NotificationResponse {
  return {
    id: row.id,
    institutionId: row.institutionId,
    kind: row.kind,
    postId: row.postId,
    postTargetId: row.postTargetId,
    socialAccountId: row.socialAccountId,
    title: { id: row.titleId, en: row.titleEn },
    body: { id: row.bodyId, en: row.bodyEn },
    link: row.link,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
