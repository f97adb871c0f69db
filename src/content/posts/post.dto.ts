import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OmittableNotNull, Trim } from '../../common/dto-decorators';
import { MAX_PRICE_RUPIAH } from '../../catalogue/rupiah';
import { PageQueryDto } from '../../common/pagination';
import { MAX_CAPTION_INPUT } from '../captions/caption-rules';
import { DIGNITY_CATEGORIES, type DignityCategory } from '../dignity';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../rendering/template';
import { POST_STATUSES, type PostStatus } from './post-status';

export const MAX_POST_PHOTOS = 10;
export const MAX_POST_TARGETS = 20;
export const POST_TITLE_MAX = 200;
/**
 * Twice the longest caption any network takes, in UTF-16 units: an emoji-heavy caption within
 * Facebook's 63,206 characters still fits, and a pasted megabyte is refused before any check.
 */
export const CAPTION_MAX_UTF16 = 2 * MAX_CAPTION_INPUT;
export const COMMENT_MAX = 5000;
export const OVERRIDE_REASON_MIN = 10;

/** ISO 8601 with a zone (Z or ±hh:mm): a time without one means different instants to people. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE =
  '$property must be an ISO 8601 time with a zone, e.g. 2026-07-13T10:00:00+07:00';

export class PostVariablesDto {
  @ApiPropertyOptional({ maxLength: 120, example: 'Dijahit rapi oleh warga binaan' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, 120)
  tagline?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'Pesan sekarang' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, 60)
  cta?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_RUPIAH, example: 175000 })
  @OmittableNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_RUPIAH)
  oldPriceRupiah?: number;

  @ApiPropertyOptional({ maxLength: 40, example: 'Diskon Hari Bakti' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, 40)
  discountLabel?: string;
}

/** An explicit caption per network; a network left out gets the caption template's text. */
export class PostCaptionsDto {
  @ApiPropertyOptional({ maxLength: CAPTION_MAX_UTF16 })
  @OmittableNotNull()
  @IsString()
  @MaxLength(CAPTION_MAX_UTF16)
  instagram?: string;

  @ApiPropertyOptional({ maxLength: CAPTION_MAX_UTF16 })
  @OmittableNotNull()
  @IsString()
  @MaxLength(CAPTION_MAX_UTF16)
  facebook?: string;

  @ApiPropertyOptional({ maxLength: CAPTION_MAX_UTF16 })
  @OmittableNotNull()
  @IsString()
  @MaxLength(CAPTION_MAX_UTF16)
  x?: string;
}

export class CreatePostDto {
  @ApiPropertyOptional({ maxLength: POST_TITLE_MAX, description: 'For the calendar; optional' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(POST_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'None for an announcement' })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_POST_PHOTOS, default: [] })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_POST_PHOTOS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mediaAssetIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  imageTemplateId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  captionTemplateId?: string | null;

  @ApiPropertyOptional({ type: PostCaptionsDto })
  @OmittableNotNull()
  @ValidateNested()
  @Type(() => PostCaptionsDto)
  captions?: PostCaptionsDto;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  hashtagGroupId?: string | null;

  @ApiPropertyOptional({ type: PostVariablesDto })
  @OmittableNotNull()
  @ValidateNested()
  @Type(() => PostVariablesDto)
  variables?: PostVariablesDto;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_POST_TARGETS,
    description: "Target social accounts; the post's networks follow from them",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_POST_TARGETS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  socialAccountIds: string[];

  @ApiPropertyOptional({ example: '2026-07-13T10:00:00+07:00', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  plannedAt?: string | null;
}

/** Fields left out stay as they are; null clears an optional one. */
export class UpdatePostDto {
  @ApiProperty({ minimum: 1, description: 'The version read; a newer one on the server → 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: POST_TITLE_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(POST_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_POST_PHOTOS })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_POST_PHOTOS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mediaAssetIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  imageTemplateId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Sending it re-fills every caption not sent in `captions`',
  })
  @IsOptional()
  @IsUUID()
  captionTemplateId?: string | null;

  @ApiPropertyOptional({ type: PostCaptionsDto })
  @OmittableNotNull()
  @ValidateNested()
  @Type(() => PostCaptionsDto)
  captions?: PostCaptionsDto;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Sending it re-fills every caption not sent in `captions`',
  })
  @IsOptional()
  @IsUUID()
  hashtagGroupId?: string | null;

  @ApiPropertyOptional({ type: PostVariablesDto, description: 'Replaces all variables' })
  @OmittableNotNull()
  @ValidateNested()
  @Type(() => PostVariablesDto)
  variables?: PostVariablesDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_POST_TARGETS })
  @OmittableNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_POST_TARGETS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  socialAccountIds?: string[];

  @ApiPropertyOptional({ example: '2026-07-13T10:00:00+07:00', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  plannedAt?: string | null;
}

export class PostListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: POST_STATUSES })
  @IsOptional()
  @IsIn(POST_STATUSES)
  status?: PostStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ enum: SOCIAL_NETWORKS })
  @IsOptional()
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork;

  @ApiPropertyOptional({ description: 'plannedAt ≥ from (ISO 8601 with a zone)' })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'plannedAt < to (ISO 8601 with a zone)' })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  to?: string;
}

export class PostCommentDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX })
  @Trim()
  @IsString()
  @Length(1, COMMENT_MAX)
  body: string;
}

export class RequestChangesDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX, description: 'What must change' })
  @Trim()
  @IsString()
  @Length(1, COMMENT_MAX)
  comment: string;
}

export class ApprovePostDto {
  @ApiPropertyOptional({ maxLength: COMMENT_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(COMMENT_MAX)
  comment?: string;
}

export class CancelPostDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SchedulePostDto {
  @ApiProperty({ example: '2026-07-13T10:00:00+07:00' })
  @IsString()
  @Matches(ISO_INSTANT, { message: INSTANT_MESSAGE })
  plannedAt: string;
}

export class DignityOverrideDto {
  @ApiProperty({
    example: 'caption:instagram',
    description: 'The finding source as the preview reports it: caption:<network> or image:<text>',
  })
  @IsString()
  @Length(1, 100)
  source: string;

  @ApiProperty({ enum: DIGNITY_CATEGORIES })
  @IsIn(DIGNITY_CATEGORIES)
  category: DignityCategory;

  @ApiProperty({ maxLength: 500, description: 'The flagged text, as the finding reports it' })
  @IsString()
  @Length(1, 500)
  match: string;

  @ApiProperty({ minLength: OVERRIDE_REASON_MIN, maxLength: 2000 })
  @Trim()
  @IsString()
  @MinLength(OVERRIDE_REASON_MIN)
  @MaxLength(2000)
  reason: string;
}
