import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageResponse } from '../../common/pagination';
import { OmittableNotNull, Trim } from '../../common/dto-decorators';
import { parseCaptionTemplate } from '../captions/caption-template';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../rendering/template';
import type { CaptionTemplate } from './caption-template.entity';
import { LibraryListQueryDto } from './library.dto';

export const CAPTION_TEMPLATE_NAME_MAX = 100;
/** Far above any network's limit after filling in; a pasted essay is refused. */
export const CAPTION_TEMPLATE_BODY_MAX = 10_000;

export class CaptionTemplateListQuery extends LibraryListQueryDto {
  @ApiPropertyOptional({
    enum: SOCIAL_NETWORKS,
    description: "This network's templates and those for every network",
  })
  @IsOptional()
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork;
}

export class CreateCaptionTemplateDto {
  @ApiProperty({ example: 'Produk baru', maxLength: CAPTION_TEMPLATE_NAME_MAX })
  @Trim()
  @IsString()
  @Length(1, CAPTION_TEMPLATE_NAME_MAX)
  name: string;

  @ApiProperty({
    example: '{{product.name}} — karya warga binaan {{institution.name}}, {{product.price}}',
    maxLength: CAPTION_TEMPLATE_BODY_MAX,
    description: 'Text with {{variables}}; an unknown variable is refused with its position',
  })
  @Trim()
  @IsString()
  @Length(1, CAPTION_TEMPLATE_BODY_MAX)
  body: string;

  @ApiPropertyOptional({
    enum: SOCIAL_NETWORKS,
    nullable: true,
    description: 'Omitted or null: for every network',
  })
  @IsOptional()
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork | null;
}

export class UpdateCaptionTemplateDto {
  @ApiPropertyOptional({ maxLength: CAPTION_TEMPLATE_NAME_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, CAPTION_TEMPLATE_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: CAPTION_TEMPLATE_BODY_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, CAPTION_TEMPLATE_BODY_MAX)
  body?: string;

  @ApiPropertyOptional({
    enum: SOCIAL_NETWORKS,
    nullable: true,
    description: 'null: for every network',
  })
  @IsOptional()
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork | null;
}

export class CaptionTemplateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty() name: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: SOCIAL_NETWORKS, nullable: true, type: String })
  network: SocialNetwork | null;
  @ApiProperty({ type: [String], description: 'Variables the body uses, in order of first use' })
  variables: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CaptionTemplatePage extends PageResponse(CaptionTemplateResponse) {}

export function toCaptionTemplateResponse(template: CaptionTemplate): CaptionTemplateResponse {
  return {
    id: template.id,
    institutionId: template.institutionId,
    name: template.name,
    body: template.body,
    network: template.network,
    variables: parseCaptionTemplate(template.body).variables,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}
