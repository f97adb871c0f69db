import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { PageQueryDto, PageResponse } from '../../common/pagination';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../rendering/template';
import { ImageTemplate } from './image-template.entity';
import { photoCountRange } from './template-photos';

export const IMAGE_TEMPLATE = { id: 'Template gambar', en: 'Image template' };

const DEFINITION_DOC =
  'Template JSON (format: assets/templates/README.md). The server numbers versions: `version` is ' +
  'set to 1 on creation and to the next number for a new version.';

export class ImageTemplateListQuery extends PageQueryDto {}

export class CreateImageTemplateDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: DEFINITION_DOC })
  @IsObject()
  definition: Record<string, unknown>;
}

export class CreateImageTemplateVersionDto extends CreateImageTemplateDto {}

export class CanvasSize {
  @ApiProperty()
  width: number;

  @ApiProperty()
  height: number;
}

export class PhotoCount {
  @ApiProperty()
  min: number;

  @ApiProperty()
  max: number;
}

export class ImageTemplateResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for built-ins' })
  institutionId: string | null;

  @ApiProperty({ description: 'Stable across versions' })
  key: string;

  @ApiProperty()
  version: number;

  @ApiProperty()
  name: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ enum: SOCIAL_NETWORKS, isArray: true })
  networks: SocialNetwork[];

  @ApiProperty()
  isBuiltin: boolean;

  @ApiProperty({ type: CanvasSize })
  canvas: CanvasSize;

  @ApiProperty({ description: 'Number of photo frames in the layout' })
  frameCount: number;

  @ApiProperty({ description: 'One image per photo (2–10 slides)' })
  isCarousel: boolean;

  @ApiProperty({ type: PhotoCount, description: 'How many photos a render takes' })
  photoCount: PhotoCount;

  @ApiProperty({ type: 'object', additionalProperties: true })
  definition: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ImageTemplatePage extends PageResponse(ImageTemplateResponse) {}

export function toImageTemplateResponse(row: ImageTemplate): ImageTemplateResponse {
  const template = row.definition;
  return {
    id: row.id,
    institutionId: row.institutionId,
    key: row.key,
    version: row.version,
    name: row.name,
    description: template.description,
    networks: row.networks,
    isBuiltin: row.isBuiltin,
    canvas: { width: template.canvas.width, height: template.canvas.height },
    frameCount: template.photoFrames.length,
    isCarousel: template.carousel !== undefined,
    photoCount: photoCountRange(template),
    definition: template,
    createdAt: row.createdAt.toISOString(),
  };
}
