import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import {
  Institution,
  INSTITUTION_KINDS,
  INSTITUTION_TIME_ZONES,
  type InstitutionKind,
  type InstitutionTimeZone,
} from '../institutions/institution.entity';
import { MAX_PASSWORD_LENGTH, NewPassword, normaliseEmail, UserResponse } from '../users/user.dto';
import { Permission } from './roles';

export class LoginDto {
  @ApiProperty({ example: 'staf@lapas-cipinang.go.id' })
  @Transform(normaliseEmail)
  @IsString()
  @Length(1, 254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  currentPassword: string;

  @ApiProperty()
  @NewPassword()
  newPassword: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <token>"; the UI uses the cookie' })
  token: string;
  @ApiProperty()
  expiresAt: Date;
  @ApiProperty({ type: UserResponse })
  user: UserResponse;
}

export class InstitutionSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  slug: string;
  @ApiProperty({ enum: INSTITUTION_KINDS })
  kind: InstitutionKind;
  @ApiProperty({ enum: INSTITUTION_TIME_ZONES })
  timeZone: InstitutionTimeZone;
}

export class MeResponse {
  @ApiProperty({ type: UserResponse })
  user: UserResponse;
  @ApiProperty({
    type: InstitutionSummaryResponse,
    nullable: true,
    description: 'Null for national roles',
  })
  institution: InstitutionSummaryResponse | null;
  @ApiProperty({ enum: Permission, isArray: true })
  permissions: Permission[];
}

export function toInstitutionSummary(institution: Institution): InstitutionSummaryResponse {
  return {
    id: institution.id,
    name: institution.name,
    slug: institution.slug,
    kind: institution.kind,
    timeZone: institution.timeZone,
  };
}
