import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OmittableNotNull, Trim } from '../../common/dto-decorators';
import { PageQueryDto, PageResponse } from '../../common/pagination';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../../content/rendering/template';
import {
  SOCIAL_ACCOUNT_KINDS,
  SOCIAL_ACCOUNT_STATUSES,
  type SocialAccount,
  type SocialAccountKind,
  type SocialAccountStatus,
} from './social-account.entity';

export const DISPLAY_NAME_MAX = 150;
const HANDLE = /^[A-Za-z0-9._]{1,50}$/;
/** Statuses a person may set; needs_reauth is set by publishing when a platform refuses. */
export const SETTABLE_STATUSES = ['connected', 'disabled'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

const withoutAt = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/^@/, '') : value;

export class SocialAccountListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SOCIAL_NETWORKS })
  @IsOptional()
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork;

  @ApiPropertyOptional({ enum: SOCIAL_ACCOUNT_KINDS })
  @IsOptional()
  @IsIn(SOCIAL_ACCOUNT_KINDS)
  kind?: SocialAccountKind;

  @ApiPropertyOptional({ enum: SOCIAL_ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(SOCIAL_ACCOUNT_STATUSES)
  status?: SocialAccountStatus;
}

export class CreateSocialAccountDto {
  @ApiProperty({ enum: SOCIAL_NETWORKS })
  @IsIn(SOCIAL_NETWORKS)
  network: SocialNetwork;

  @ApiProperty({ example: 'Sandbox Instagram — pelatihan staf', maxLength: DISPLAY_NAME_MAX })
  @Trim()
  @IsString()
  @Length(1, DISPLAY_NAME_MAX)
  displayName: string;

  @ApiPropertyOptional({ example: 'latihan_lapas', description: "Without '@'", nullable: true })
  @IsOptional()
  @Transform(withoutAt)
  @IsString()
  @Matches(HANDLE, {
    message: 'handle may only hold letters, digits, dots and underscores (at most 50)',
  })
  handle?: string | null;

  @ApiPropertyOptional({
    enum: ['sandbox'],
    default: 'sandbox',
    description:
      'Only sandbox accounts are created here; live accounts are connected by signing in to the platform (Publishing)',
  })
  @IsOptional()
  @IsIn(['sandbox'], {
    message:
      "kind must be 'sandbox': live accounts are connected by signing in to the platform, not created here",
  })
  kind?: 'sandbox';
}

export class UpdateSocialAccountDto {
  @ApiPropertyOptional({ maxLength: DISPLAY_NAME_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, DISPLAY_NAME_MAX)
  displayName?: string;

  @ApiPropertyOptional({ enum: SETTABLE_STATUSES, description: 'Disable or re-enable' })
  @OmittableNotNull()
  @IsIn(SETTABLE_STATUSES)
  status?: SettableStatus;
}

/** Never any credential: tokens live elsewhere and no response carries them. */
export class SocialAccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ enum: SOCIAL_NETWORKS }) network: SocialNetwork;
  @ApiProperty({ enum: SOCIAL_ACCOUNT_KINDS }) kind: SocialAccountKind;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) handle: string | null;
  @ApiProperty({ enum: SOCIAL_ACCOUNT_STATUSES }) status: SocialAccountStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SocialAccountPage extends PageResponse(SocialAccountResponse) {}

export function toSocialAccountResponse(account: SocialAccount): SocialAccountResponse {
  return {
    id: account.id,
    institutionId: account.institutionId,
    network: account.network,
    kind: account.kind,
    displayName: account.displayName,
    handle: account.handle,
    status: account.status,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
