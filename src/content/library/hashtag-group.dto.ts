import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length, MaxLength } from 'class-validator';
import { PageResponse } from '../../common/pagination';
import { OmittableNotNull, Trim } from '../../common/dto-decorators';
import type { HashtagGroup } from './hashtag-group.entity';

export const HASHTAG_GROUP_NAME_MAX = 100;
/** Input bound before normalising; the group itself holds at most 30 distinct tags. */
const TAG_INPUTS_MAX = 100;
const TAG_MAX = 100;

export class CreateHashtagGroupDto {
  @ApiProperty({ example: 'Karya Warga Binaan', maxLength: HASHTAG_GROUP_NAME_MAX })
  @Trim()
  @IsString()
  @Length(1, HASHTAG_GROUP_NAME_MAX)
  name: string;

  @ApiProperty({
    type: [String],
    example: ['#KaryaWargaBinaan', 'BanggaBuatanIndonesia'],
    description: "With or without '#'; duplicates (any case) are dropped; at most 30",
  })
  @IsArray()
  @ArrayMaxSize(TAG_INPUTS_MAX)
  @IsString({ each: true })
  @MaxLength(TAG_MAX, { each: true })
  tags: string[];
}

export class UpdateHashtagGroupDto {
  @ApiPropertyOptional({ maxLength: HASHTAG_GROUP_NAME_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, HASHTAG_GROUP_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(TAG_INPUTS_MAX)
  @IsString({ each: true })
  @MaxLength(TAG_MAX, { each: true })
  tags?: string[];
}

export class HashtagGroupResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: "Without '#'" }) tags: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class HashtagGroupPage extends PageResponse(HashtagGroupResponse) {}

export function toHashtagGroupResponse(group: HashtagGroup): HashtagGroupResponse {
  return {
    id: group.id,
    institutionId: group.institutionId,
    name: group.name,
    tags: group.tags,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
