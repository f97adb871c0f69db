import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BLOCKED_REASONS, type BlockedReason } from '../../media/clearance';
import type { NetworkRule } from '../rendering/network-rules';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../rendering/template';
import type { RenderedImage } from './render.service';

/** The renderer's own limits (render-input.ts), checked here so the 400 names the field. */
export class RenderVariablesDto {
  @ApiPropertyOptional({ maxLength: 120, example: 'Motif khas, dijahit rapi' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  tagline?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'Pesan sekarang' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  cta?: string;

  @ApiPropertyOptional({ description: 'Price before the discount, in whole rupiah' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  oldPriceRupiah?: number;
}

export class RenderPreviewDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  imageTemplateId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Image templates show a product' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Photos of the institution, one per slot (or per carousel slide), in order',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  mediaAssetIds: string[];

  @ApiPropertyOptional({ type: RenderVariablesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RenderVariablesDto)
  variables?: RenderVariablesDto;
}

export class LocalizedTextResponse {
  @ApiProperty({ description: 'Bahasa Indonesia' })
  id: string;

  @ApiProperty({ description: 'English' })
  en: string;
}

export class NetworkViolationResponse {
  @ApiProperty({ enum: SOCIAL_NETWORKS })
  network: SocialNetwork;

  @ApiProperty({
    type: String,
    description: 'format, multiPicture, colourSpace, bytes, width, height or aspectRatio',
  })
  rule: NetworkRule;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }] })
  measured: string | number;

  @ApiProperty()
  limit: string;

  @ApiProperty({ type: LocalizedTextResponse })
  message: LocalizedTextResponse;
}

export class NetworkViolationsResponse {
  @ApiProperty({ type: [NetworkViolationResponse] })
  instagram: NetworkViolationResponse[];

  @ApiProperty({ type: [NetworkViolationResponse] })
  facebook: NetworkViolationResponse[];

  @ApiProperty({ type: [NetworkViolationResponse] })
  x: NetworkViolationResponse[];
}

export class RenderedImageResponse implements RenderedImage {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Public, unguessable; what Instagram and Facebook fetch' })
  publicUrl: string;

  @ApiProperty()
  width: number;

  @ApiProperty()
  height: number;

  @ApiProperty()
  byteSize: number;

  @ApiProperty({ example: 'image/jpeg' })
  mimeType: string;

  @ApiProperty()
  altText: string;

  @ApiProperty({ type: NetworkViolationsResponse })
  networkViolations: NetworkViolationsResponse;
}

export class UnusablePhotoResponse {
  @ApiProperty({ format: 'uuid' })
  mediaAssetId: string;

  @ApiProperty({ enum: SOCIAL_NETWORKS })
  network: SocialNetwork;

  @ApiProperty({ enum: BLOCKED_REASONS })
  reason: BlockedReason;

  @ApiProperty({ type: LocalizedTextResponse })
  message: LocalizedTextResponse;
}

export class RenderPreviewResponse {
  @ApiProperty({ type: [RenderedImageResponse], description: 'One per carousel slide' })
  images: RenderedImageResponse[];

  @ApiProperty({
    type: [UnusablePhotoResponse],
    description:
      'Photos that may not be published now on a network of the template; a post cannot use them',
  })
  unusablePhotos: UnusablePhotoResponse[];
}
