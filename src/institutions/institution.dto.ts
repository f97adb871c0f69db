import { OmittableNotNull } from '../common/dto-decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import {
  Institution,
  INSTITUTION_KINDS,
  INSTITUTION_TIME_ZONES,
  type InstitutionKind,
  type InstitutionTimeZone,
} from './institution.entity';
import { SLUG_MAX_LENGTH, SLUG_MIN_LENGTH, SLUG_PATTERN } from './slug';

const COLOUR = /^#[0-9A-Fa-f]{6}$/;
const HOTLINE = /^\+?[0-9][0-9 ()-]{4,23}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;

export class InstitutionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INSTITUTION_KINDS })
  @IsOptional()
  @IsIn(INSTITUTION_KINDS)
  kind?: InstitutionKind;

  @ApiPropertyOptional({ description: 'Search in name, slug and region' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class CreateInstitutionDto {
  @ApiProperty({ example: 'Lapas Kelas I Cipinang' })
  @Transform(trim)
  @IsString()
  @Length(3, 200)
  name: string;

  @ApiPropertyOptional({
    example: 'lapas-cipinang',
    description:
      'Lowercase letters, digits and hyphens, 3-60 characters; derived from the name when left out',
  })
  @OmittableNotNull()
  @IsString()
  @Length(SLUG_MIN_LENGTH, SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters and digits joined by hyphens' })
  slug?: string;

  @ApiProperty({ enum: INSTITUTION_KINDS })
  @IsIn(INSTITUTION_KINDS)
  kind: InstitutionKind;

  @ApiPropertyOptional({ example: 'DKI Jakarta' })
  @OmittableNotNull()
  @Transform(trim)
  @IsString()
  @Length(0, 100)
  region?: string;

  @ApiProperty({ enum: INSTITUTION_TIME_ZONES })
  @IsIn(INSTITUTION_TIME_ZONES)
  timeZone: InstitutionTimeZone;

  @ApiPropertyOptional({ example: '#0B4F6C' })
  @OmittableNotNull()
  @Transform(upper)
  @Matches(COLOUR, { message: 'brandPrimary must be a colour like #0B4F6C' })
  brandPrimary?: string;

  @ApiPropertyOptional({ example: '#F2A541' })
  @OmittableNotNull()
  @Transform(upper)
  @Matches(COLOUR, { message: 'brandSecondary must be a colour like #F2A541' })
  brandSecondary?: string;

  @ApiPropertyOptional({ example: '#FFFFFF' })
  @OmittableNotNull()
  @Transform(upper)
  @Matches(COLOUR, { message: 'brandText must be a colour like #FFFFFF' })
  brandText?: string;

  @ApiPropertyOptional({ example: '+62 21 8195 171', nullable: true })
  @IsOptional()
  @Transform(trim)
  @Matches(HOTLINE, { message: 'hotline must be a phone number' })
  hotline?: string | null;
}

/** Settings an institution admin may change; slug and kind need InstitutionCreate. */
export class UpdateInstitutionDto {
  @ApiPropertyOptional()
  @OmittableNotNull()
  @Transform(trim)
  @IsString()
  @Length(3, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'National admins only: it changes public URLs' })
  @OmittableNotNull()
  @IsString()
  @Length(SLUG_MIN_LENGTH, SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters and digits joined by hyphens' })
  slug?: string;

  @ApiPropertyOptional({ enum: INSTITUTION_KINDS, description: 'National admins only' })
  @OmittableNotNull()
  @IsIn(INSTITUTION_KINDS)
  kind?: InstitutionKind;

  @ApiPropertyOptional()
  @OmittableNotNull()
  @Transform(trim)
  @IsString()
  @Length(0, 100)
  region?: string;

  @ApiPropertyOptional({ enum: INSTITUTION_TIME_ZONES })
  @OmittableNotNull()
  @IsIn(INSTITUTION_TIME_ZONES)
  timeZone?: InstitutionTimeZone;

  @ApiPropertyOptional({ example: '#0B4F6C' })
  @OmittableNotNull()
  @Transform(upper)
  @Matches(COLOUR, { message: 'brandPrimary must be a colour like #0B4F6C' })
  brandPrimary?: string;

  @ApiPropertyOptional({ example: '#F2A541' })
  @OmittableNotNull()
  @Transform(upper)
  @Matches(COLOUR, { message: 'brandSecondary must be a colour like #F2A541' })
  brandSecondary?: string;

  @ApiPropertyOptional({ example: '#FFFFFF' })
  @OmittableNotNull()
  @Transform(upper)
  @Matches(COLOUR, { message: 'brandText must be a colour like #FFFFFF' })
  brandText?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null removes the hotline' })
  @IsOptional()
  @Transform(trim)
  @Matches(HOTLINE, { message: 'hotline must be a phone number' })
  hotline?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    format: 'uuid',
    description: "A photo from the institution's media library to use as the logo; null removes it",
  })
  @IsOptional()
  @IsUUID()
  logoMediaAssetId?: string | null;
}

export class InstitutionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  slug: string;
  @ApiProperty({ enum: INSTITUTION_KINDS })
  kind: InstitutionKind;
  @ApiProperty()
  region: string;
  @ApiProperty({ enum: INSTITUTION_TIME_ZONES })
  timeZone: InstitutionTimeZone;
  @ApiProperty()
  brandPrimary: string;
  @ApiProperty()
  brandSecondary: string;
  @ApiProperty()
  brandText: string;
  @ApiProperty({ type: String, nullable: true })
  hotline: string | null;
  @ApiProperty({ description: 'Whether image templates have a logo to draw' })
  hasLogo: boolean;
  @ApiProperty()
  createdAt: Date;
  @ApiProperty()
  updatedAt: Date;
}

export class InstitutionPageResponse extends PageResponse(InstitutionResponse) {}

export function toInstitutionResponse(institution: Institution): InstitutionResponse {
  return {
    id: institution.id,
    name: institution.name,
    slug: institution.slug,
    kind: institution.kind,
    region: institution.region,
    timeZone: institution.timeZone,
    brandPrimary: institution.brandPrimary,
    brandSecondary: institution.brandSecondary,
    brandText: institution.brandText,
    hotline: institution.hotline,
    hasLogo: institution.logoKey !== null,
    createdAt: institution.createdAt,
    updatedAt: institution.updatedAt,
  };
}
