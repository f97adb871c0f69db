import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import { CONSENT_CHANNELS, type ConsentChannel } from '../media/clearance';
import type { MediaAsset } from '../media/media-asset.entity';
import type { ConsentRecord } from './consent-record.entity';
import { TakedownResponse } from './takedown.dto';

export const CONSENT_STATUSES = ['active', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Multipart forms send booleans as text; JSON sends real booleans. Anything else fails. */
const formBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Multipart forms send one `channels` field per value, or one comma-separated value. */
const formList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

/** The date rule: YYYY-MM-DD and a real calendar day (no 2025-02-30). */
function CalendarDate(): PropertyDecorator {
  return (target, key) => {
    const message = `${String(key)} must be a date written YYYY-MM-DD`;
    Matches(DATE_ONLY, { message })(target, key);
    IsISO8601({ strict: true, strictSeparator: true }, { message })(target, key);
  };
}

export class CreateConsentDto {
  @ApiProperty({ maxLength: 200, description: 'Kept only in the consent register' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subjectName: string;

  @ApiProperty({ description: 'A minor may be recorded but never clears a photo' })
  @Transform(formBoolean)
  @IsBoolean()
  subjectIsMinor: boolean;

  @ApiProperty({ maxLength: 1000, example: 'Foto promosi produk batik di media sosial' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  purpose: string;

  @ApiProperty({ enum: CONSENT_CHANNELS, isArray: true })
  @Transform(formList)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(CONSENT_CHANNELS.length)
  @IsIn(CONSENT_CHANNELS, { each: true })
  channels: ConsentChannel[];

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @CalendarDate()
  validFrom: string;

  @ApiPropertyOptional({ format: 'date', description: 'Inclusive; omitted = until withdrawn' })
  @IsOptional()
  @CalendarDate()
  validUntil?: string;
}

/** The multipart form of POST /api/consents, for the OpenAPI document. */
export class CreateConsentFormDto extends CreateConsentDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'Signed consent form: JPEG, PNG, WebP, HEIC photo or PDF',
  })
  evidence?: unknown;
}

export class WithdrawConsentDto {
  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class ConsentListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONSENT_STATUSES, description: 'Both when omitted' })
  @IsOptional()
  @IsIn(CONSENT_STATUSES)
  status?: ConsentStatus;
}

export class ConsentPhotoResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) productId: string | null;
  @ApiProperty() altText: string;
  @ApiProperty() createdAt: Date;
}

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty() subjectName: string;
  @ApiProperty() subjectIsMinor: boolean;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: CONSENT_CHANNELS, isArray: true }) channels: ConsentChannel[];
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ enum: CONSENT_STATUSES }) status: ConsentStatus;
  @ApiProperty() hasEvidence: boolean;
  @ApiProperty({ nullable: true, type: String }) evidenceMimeType: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) withdrawnAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) withdrawnBy: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawalReason: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ConsentDetailResponse extends ConsentResponse {
  @ApiProperty({ type: [ConsentPhotoResponse] }) photos: ConsentPhotoResponse[];
}

export class ConsentPageResponse extends PageResponse(ConsentResponse) {}

export class ConsentWithdrawalResponse {
  @ApiProperty({ type: ConsentResponse }) consent: ConsentResponse;
  @ApiProperty({ type: TakedownResponse }) takedownTask: TakedownResponse;
}

export function toConsentResponse(consent: ConsentRecord): ConsentResponse {
  return {
    id: consent.id,
    institutionId: consent.institutionId,
    subjectName: consent.subjectName,
    subjectIsMinor: consent.subjectIsMinor,
    purpose: consent.purpose,
    channels: consent.channels,
    validFrom: consent.validFrom,
    validUntil: consent.validUntil,
    status: consent.withdrawnAt ? 'withdrawn' : 'active',
    hasEvidence: consent.evidenceKey !== null,
    evidenceMimeType: consent.evidenceMimeType,
    recordedBy: consent.recordedBy,
    withdrawnAt: consent.withdrawnAt,
    withdrawnBy: consent.withdrawnBy,
    withdrawalReason: consent.withdrawalReason,
    createdAt: consent.createdAt,
    updatedAt: consent.updatedAt,
  };
}

export function toConsentDetailResponse(
  consent: ConsentRecord,
  photos: readonly MediaAsset[],
): ConsentDetailResponse {
  return {
    ...toConsentResponse(consent),
    photos: photos.map((p) => ({
      id: p.id,
      productId: p.productId,
      altText: p.altText,
      createdAt: p.createdAt,
    })),
  };
}

/** What an audit row may say about a consent: never the subject's name. */
export function consentAuditView(consent: ConsentRecord): Record<string, unknown> {
  return {
    id: consent.id,
    subjectIsMinor: consent.subjectIsMinor,
    channels: consent.channels,
    validFrom: consent.validFrom,
    validUntil: consent.validUntil,
    hasEvidence: consent.evidenceKey !== null,
    withdrawnAt: consent.withdrawnAt,
  };
}
