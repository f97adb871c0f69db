import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { PageResponse } from '../../common/pagination';
import { OmittableNotNull, Trim } from '../../common/dto-decorators';
import type { DignityWord } from './dignity-word.entity';

export const DIGNITY_WORD_MAX = 100;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAS_LETTER_OR_DIGIT_MESSAGE = 'word must contain a letter or a digit';

export class CreateDignityWordDto {
  @ApiProperty({ example: 'jeruji besi', maxLength: DIGNITY_WORD_MAX })
  @Trim()
  @IsString()
  @Length(1, DIGNITY_WORD_MAX)
  @Matches(HAS_LETTER_OR_DIGIT, { message: HAS_LETTER_OR_DIGIT_MESSAGE })
  word: string;
}

export class UpdateDignityWordDto {
  @ApiPropertyOptional({ maxLength: DIGNITY_WORD_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, DIGNITY_WORD_MAX)
  @Matches(HAS_LETTER_OR_DIGIT, { message: HAS_LETTER_OR_DIGIT_MESSAGE })
  word?: string;
}

export class DignityWordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty() word: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DignityWordPage extends PageResponse(DignityWordResponse) {}

export function toDignityWordResponse(row: DignityWord): DignityWordResponse {
  return {
    id: row.id,
    institutionId: row.institutionId,
    word: row.word,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
