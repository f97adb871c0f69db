import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import {
  BLOCKED_REASONS,
  type BlockedReason,
  CLEARANCES,
  type Clearance,
  type ClearanceSummary,
  CONSENT_CHANNELS,
  type ConsentChannel,
  GRANTED_CLEARANCES,
  type GrantedClearance,
} from './clearance';
import type { MediaAsset } from './media-asset.entity';

export const ALT_TEXT_MAX = 1000;
export const FILE_FIELD = 'file';
export const PHOTO = { id: 'Foto', en: 'Photo' };

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Multipart text fields and query strings carry booleans as text. */
const textBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
/** An empty multipart field means "not sent" (HTML forms send empty inputs). */
const blankAsUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class UploadMediaDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A product of the same institution' })
  @Transform(blankAsUndefined)
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ maxLength: ALT_TEXT_MAX })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(ALT_TEXT_MAX)
  altText?: string;

  @ApiPropertyOptional({
    enum: GRANTED_CLEARANCES,
    description: 'Clear at upload (needs consent.manage); omitted = uncleared',
  })
  @Transform(blankAsUndefined)
  @IsOptional()
  @IsIn(GRANTED_CLEARANCES)
  clearance?: GrantedClearance;

  @ApiPropertyOptional({ format: 'uuid', description: "With clearance 'consent'" })
  @Transform(blankAsUndefined)
  @IsOptional()
  @IsUUID()
  consentRecordId?: string;

  @ApiPropertyOptional({ description: 'Must be true when clearance is sent' })
  @Transform(textBoolean)
  @IsOptional()
  @IsBoolean()
  attestation?: boolean;
}

/** The multipart form of POST /api/media, for the OpenAPI document. */
export class UploadMediaFormDto extends UploadMediaDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or HEIC photo' })
  file: unknown;
}

export class ClearMediaDto {
  @ApiProperty({ enum: GRANTED_CLEARANCES })
  @IsIn(GRANTED_CLEARANCES)
  clearance: GrantedClearance;

  @ApiPropertyOptional({ format: 'uuid', description: "Required with clearance 'consent'" })
  @IsOptional()
  @IsUUID()
  consentRecordId?: string;

  @ApiProperty({
    type: Boolean,
    description:
      'Must be true: the caller attests that no person is identifiable / consent was given',
  })
  @Equals(true, { message: 'attestation must be true' })
  attestation: true;
}

export class UpdateMediaDto {
  @ApiPropertyOptional({ maxLength: ALT_TEXT_MAX })
  @Transform(trim)
  @ValidateIf((_o: object, value: unknown) => value !== undefined)
  @IsString()
  @MaxLength(ALT_TEXT_MAX)
  altText?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null unlinks',
  })
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID()
  productId?: string | null;
}

export class MediaListQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ enum: CLEARANCES })
  @IsOptional()
  @IsIn(CLEARANCES)
  clearance?: Clearance;

  @ApiPropertyOptional({ type: Boolean, description: 'Publishable on at least one channel now' })
  @Transform(textBoolean)
  @IsOptional()
  @IsBoolean()
  usable?: boolean;
}

export class LocalizedTextResponse {
  @ApiProperty() id: string;
  @ApiProperty() en: string;
}

export class MediaResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) productId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) uploadedBy: string | null;
  @ApiProperty() originalFilename: string;
  @ApiProperty({ enum: ['image/jpeg', 'image/png'] }) mimeType: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty() byteSize: number;
  @ApiProperty({ description: 'sha256 of the stored bytes' }) contentHash: string;
  @ApiProperty() altText: string;
  @ApiProperty({ enum: CLEARANCES }) clearance: Clearance;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consentRecordId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) clearedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) clearedAt: Date | null;
  @ApiProperty({ description: 'Publishable on at least one channel now' }) usable: boolean;
  @ApiProperty({ enum: CONSENT_CHANNELS, isArray: true }) usableChannels: ConsentChannel[];
  @ApiProperty({ enum: BLOCKED_REASONS, nullable: true, type: String })
  blockedReason: BlockedReason | null;
  @ApiProperty({ type: LocalizedTextResponse, nullable: true })
  blockedMessage: LocalizedTextResponse | null;
  @ApiProperty() fileUrl: string;
  @ApiProperty() thumbnailUrl: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class MediaPageResponse extends PageResponse(MediaResponse) {}

export function toMediaResponse(asset: MediaAsset, summary: ClearanceSummary): MediaResponse {
  return {
    id: asset.id,
    institutionId: asset.institutionId,
    productId: asset.productId,
    uploadedBy: asset.uploadedBy,
    originalFilename: asset.originalFilename,
    mimeType: asset.mimeType,
    width: asset.width,
    height: asset.height,
    byteSize: asset.byteSize,
    contentHash: asset.contentHash,
    altText: asset.altText,
    clearance: asset.clearance,
    consentRecordId: asset.consentRecordId,
    clearedBy: asset.clearedBy,
    clearedAt: asset.clearedAt,
    usable: summary.usable,
    usableChannels: summary.usableChannels,
    blockedReason: summary.blockedReason,
    blockedMessage: summary.blockedMessage,
    fileUrl: `/api/media/${asset.id}/file`,
    thumbnailUrl: `/api/media/${asset.id}/thumbnail`,
    createdAt: asset.createdAt,
    updatedAt: asset.updatedAt,
  };
}

/** The audit view of a photo: what changed, without file paths. */
export function mediaAuditView(asset: MediaAsset): Record<string, unknown> {
  return {
    id: asset.id,
    productId: asset.productId,
    mimeType: asset.mimeType,
    width: asset.width,
    height: asset.height,
    altText: asset.altText,
    clearance: asset.clearance,
    consentRecordId: asset.consentRecordId,
  };
}
