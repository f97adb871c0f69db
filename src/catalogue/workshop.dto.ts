import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import { OmittableNotNull, QueryBoolean, Trim } from '../common/dto-decorators';
import { Workshop } from './workshop.entity';

export const WORKSHOP_NAME_MAX = 100;
export const WORKSHOP_DESCRIPTION_MAX = 2000;

export class WorkshopListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only active (true) or only inactive (false) workshops' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name, case-insensitive', maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateWorkshopDto {
  @ApiProperty({ example: 'Konveksi / Penjahitan', minLength: 1, maxLength: WORKSHOP_NAME_MAX })
  @Trim()
  @IsString()
  @Length(1, WORKSHOP_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ maxLength: WORKSHOP_DESCRIPTION_MAX, default: '' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(WORKSHOP_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @OmittableNotNull()
  @IsBoolean()
  isActive?: boolean;
}

export class UpdateWorkshopDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: WORKSHOP_NAME_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, WORKSHOP_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: WORKSHOP_DESCRIPTION_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(WORKSHOP_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ description: 'Deactivate instead of deleting a workshop with products' })
  @OmittableNotNull()
  @IsBoolean()
  isActive?: boolean;
}

export class WorkshopResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  institutionId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  isActive: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class WorkshopPage extends PageResponse(WorkshopResponse) {}

export function toWorkshopResponse(workshop: Workshop): WorkshopResponse {
  return {
    id: workshop.id,
    institutionId: workshop.institutionId,
    name: workshop.name,
    description: workshop.description,
    isActive: workshop.isActive,
    createdAt: workshop.createdAt.toISOString(),
    updatedAt: workshop.updatedAt.toISOString(),
  };
}
