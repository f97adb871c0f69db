import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OmittableNotNull, QueryBoolean, Trim } from '../../common/dto-decorators';
import { PageQueryDto, PageResponse } from '../../common/pagination';
import { TRACKED_LINK_KINDS, TrackedLink, type TrackedLinkKind } from './tracked-link.entity';

export const PARTNER_MAX = 100;

export class CreateTrackedLinkDto {
  @ApiProperty({ format: 'uuid', description: 'The product whose marketplace listing it opens' })
  @IsUUID()
  productId: string;

  @ApiProperty({
    example: 'Kompas.com',
    description: 'Partner, influencer or news site; its slug becomes utm_source',
    minLength: 1,
    maxLength: PARTNER_MAX,
  })
  @Trim()
  @IsString()
  @Length(1, PARTNER_MAX)
  partner: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Which of the product's marketplace links; default the first",
  })
  @OmittableNotNull()
  @IsUUID()
  marketplaceLinkId?: string;
}

export class TrackedLinkListQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ enum: TRACKED_LINK_KINDS })
  @IsOptional()
  @IsIn(TRACKED_LINK_KINDS)
  kind?: TrackedLinkKind;

  @ApiPropertyOptional({ default: false, description: 'Include archived links' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class TrackedLinkResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  institutionId: string;

  @ApiProperty({ example: 'aZ3k9QxP' })
  code: string;

  @ApiProperty({ example: 'https://karya.example.go.id/l/aZ3k9QxP' })
  shortUrl: string;

  @ApiProperty({ enum: TRACKED_LINK_KINDS })
  kind: TrackedLinkKind;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  productName?: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  postTargetId: string | null;

  @ApiProperty({ type: String, nullable: true })
  partner: string | null;

  @ApiProperty({ description: 'The marketplace listing with its UTM tags' })
  destinationUrl: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt: string | null;

  @ApiProperty({ description: 'Counted clicks (bots excluded), all days' })
  clicks: number;

  @ApiProperty({ description: 'Sum of each day’s unique visitors' })
  uniqueVisitors: number;
}

export class TrackedLinkPage extends PageResponse(TrackedLinkResponse) {}

export function shortUrlOf(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/l/${code}`;
}

export function toTrackedLinkResponse(
  link: TrackedLink,
  publicBaseUrl: string,
  extra: { productName?: string; clicks: number; uniqueVisitors: number },
): TrackedLinkResponse {
  return {
    id: link.id,
    institutionId: link.institutionId,
    code: link.code,
    shortUrl: shortUrlOf(publicBaseUrl, link.code),
    kind: link.kind,
    productId: link.productId,
    productName: extra.productName,
    postTargetId: link.postTargetId,
    partner: link.partner,
    destinationUrl: link.destinationUrl,
    createdBy: link.createdBy,
    createdAt: link.createdAt.toISOString(),
    archivedAt: link.archivedAt ? link.archivedAt.toISOString() : null,
    clicks: extra.clicks,
    uniqueVisitors: extra.uniqueVisitors,
  };
}
