import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageResponse } from '../../common/pagination';
import { OmittableNotNull, Trim } from '../../common/dto-decorators';
import type { ProtectedName } from './protected-name.entity';

export const PROTECTED_NAME_MAX = 200;
export const PROTECTED_NAME_NOTE_MAX = 500;
const HAS_LETTER = /\p{L}/u;
const HAS_LETTER_MESSAGE = 'name must contain a letter';

export class CreateProtectedNameDto {
  @ApiProperty({ example: 'Budi Santoso', minLength: 2, maxLength: PROTECTED_NAME_MAX })
  @Trim()
  @IsString()
  @Length(2, PROTECTED_NAME_MAX)
  @Matches(HAS_LETTER, { message: HAS_LETTER_MESSAGE })
  name: string;

  @ApiPropertyOptional({ maxLength: PROTECTED_NAME_NOTE_MAX, default: '' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(PROTECTED_NAME_NOTE_MAX)
  note?: string;
}

export class UpdateProtectedNameDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: PROTECTED_NAME_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(2, PROTECTED_NAME_MAX)
  @Matches(HAS_LETTER, { message: HAS_LETTER_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ maxLength: PROTECTED_NAME_NOTE_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(PROTECTED_NAME_NOTE_MAX)
  note?: string;
}

export class ProtectedNameResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty() name: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ProtectedNamePage extends PageResponse(ProtectedNameResponse) {}

export function toProtectedNameResponse(row: ProtectedName): ProtectedNameResponse {
  return {
    id: row.id,
    institutionId: row.institutionId,
    name: row.name,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What an audit row may say about a protected name: never the name or the note. */
export function protectedNameAuditView(row: ProtectedName): Record<string, unknown> {
  return { id: row.id, institutionId: row.institutionId, hasNote: row.note !== '' };
}
