import { OmittableNotNull } from '../common/dto-decorators';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { Role } from '../auth/roles';
import { User } from '../auth/user.entity';
import { PageQueryDto, PageResponse } from '../common/pagination';

/** argon2 hashes any length; the cap only keeps one request from costing much. */
export const MAX_PASSWORD_LENGTH = 200;
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const normaliseEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A new password: long enough to resist guessing, short enough to hash cheaply. */
export const NewPassword = (): PropertyDecorator =>
  applyDecorators(IsString(), MinLength(MIN_PASSWORD_LENGTH), MaxLength(MAX_PASSWORD_LENGTH));

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Search in name and email' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'siti@lapas-cipinang.go.id' })
  @Transform(normaliseEmail)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @NewPassword()
  password: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'id' })
  @OmittableNotNull()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OmittableNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @ApiPropertyOptional({ enum: Role })
  @OmittableNotNull()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ enum: LOCALES })
  @OmittableNotNull()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ description: 'false deactivates the user and ends their sessions' })
  @OmittableNotNull()
  @IsBoolean()
  isActive?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @NewPassword()
  newPassword: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for national roles',
  })
  institutionId: string | null;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ enum: Role })
  role: Role;
  @ApiProperty({ enum: LOCALES })
  locale: Locale;
  @ApiProperty()
  isActive: boolean;
  @ApiProperty({ description: 'Set after an admin reset: the UI asks for a new password' })
  mustChangePassword: boolean;
  @ApiProperty({ type: Date, nullable: true })
  lastLoginAt: Date | null;
  @ApiProperty()
  createdAt: Date;
  @ApiProperty()
  updatedAt: Date;
}

export class UserPageResponse extends PageResponse(UserResponse) {}

/** Never includes the password hash. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    institutionId: user.institutionId,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    isActive: user.isActive,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
