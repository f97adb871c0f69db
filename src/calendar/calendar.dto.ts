import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../common/dto-decorators';
import { POST_STATUSES, type PostStatus } from '../content/posts/post-status';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../content/rendering/template';
import { BLACKOUT_KINDS, BLACKOUT_LABEL_MAX, type BlackoutKind } from './blackout';
import { MAX_MIN_GAP_MINUTES, MAX_PRODUCT_REPEAT_DAYS } from './conflicts';
import { MAX_SLOT_RULES } from './slots';

export class CalendarFilterQuery {
  @ApiPropertyOptional({ enum: SOCIAL_NETWORKS })
  @IsOptional()
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  socialAccountId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  workshopId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ enum: POST_STATUSES })
  @IsOptional()
  @IsIn(POST_STATUSES)
  status?: PostStatus;
}

export class CalendarWeekQuery extends CalendarFilterQuery {
  @ApiProperty({ example: '2026-W49', description: 'ISO week in the institution’s time zone' })
  @IsString()
  week: string;
}

export class CalendarMonthQuery extends CalendarFilterQuery {
  @ApiProperty({ example: '2026-12' })
  @IsString()
  month: string;
}

/**
 * A new planned time: either `plannedAt` (ISO 8601 instant with offset) or `localDate` +
 * `localTime` read in the institution's time zone. Exactly one form.
 */
export class PlannedTimeDto {
  @ApiPropertyOptional({ example: '2026-12-07T10:00:00+07:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  plannedAt?: string;

  @ApiPropertyOptional({ example: '2026-12-07' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  localDate?: string;

  @ApiPropertyOptional({ example: '10:00' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  localTime?: string;
}

export class SlotRuleDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' })
  @IsInt()
  weekday: number;

  @ApiProperty({ example: '10:00' })
  @IsString()
  @MaxLength(10)
  time: string;
}

export class ReplaceSlotsDto {
  @ApiProperty({ type: [SlotRuleDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SLOT_RULES)
  @ValidateNested({ each: true })
  @Type(() => SlotRuleDto)
  slots: SlotRuleDto[];
}

export class ReorderQueueDto {
  @ApiProperty({ type: [String], description: 'Every queued post of the account, in new order' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID(undefined, { each: true })
  postIds: string[];
}

export class BlackoutRangeQuery {
  @ApiProperty({ example: '2026-12-01' })
  @IsString()
  from: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsString()
  to: string;
}

export class CreateBlackoutDto {
  @ApiProperty({ example: '2026-12-24' })
  @IsString()
  startDate: string;

  @ApiPropertyOptional({ example: '2026-12-26', description: 'Inclusive; defaults to startDate' })
  @IsOptional()
  @IsString()
  endDate?: string;

  @ApiProperty({ enum: BLACKOUT_KINDS })
  @IsString()
  kind: BlackoutKind;

  @ApiProperty({ maxLength: BLACKOUT_LABEL_MAX })
  @IsString()
  @MaxLength(BLACKOUT_LABEL_MAX + 50)
  label: string;

  @ApiPropertyOptional({ description: 'A national blackout (national admins only)' })
  @IsOptional()
  @IsBoolean()
  national?: boolean;
}

export class UpdateBlackoutDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  startDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  endDate?: string;

  @ApiPropertyOptional({ enum: BLACKOUT_KINDS })
  @IsOptional()
  @IsString()
  kind?: BlackoutKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(BLACKOUT_LABEL_MAX + 50)
  label?: string;
}

export class PauseDto {
  @ApiProperty({ minLength: 5, maxLength: 500 })
  @Trim()
  @IsString()
  @Length(5, 500)
  reason: string;

  @ApiPropertyOptional({ description: 'National admins: pause every institution' })
  @IsOptional()
  @IsBoolean()
  allInstitutions?: boolean;
}

export const RESUME_ACTIONS = ['publish_now', 'reschedule', 'cancel'] as const;
export type ResumeAction = (typeof RESUME_ACTIONS)[number];

export class ResumeDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  postId: string;

  @ApiProperty({ enum: RESUME_ACTIONS })
  @IsIn(RESUME_ACTIONS)
  action: ResumeAction;

  @ApiPropertyOptional({ example: '2026-12-08T10:00:00+07:00', description: 'For reschedule' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  plannedAt?: string;
}

export class ResumeDto {
  @ApiProperty({ type: [ResumeDecisionDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ResumeDecisionDto)
  decisions: ResumeDecisionDto[];

  @ApiPropertyOptional({ description: 'National admins: end the national pause' })
  @IsOptional()
  @IsBoolean()
  allInstitutions?: boolean;
}

export class ConflictSettingsDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_MIN_GAP_MINUTES,
    example: 120,
    description: 'Warn when one account gets two posts closer than this; 0 turns it off',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_MIN_GAP_MINUTES)
  minGapMinutes: number;

  @ApiProperty({
    minimum: 0,
    maximum: MAX_PRODUCT_REPEAT_DAYS,
    example: 7,
    description: 'Warn when one product goes to one network twice within this; 0 turns it off',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PRODUCT_REPEAT_DAYS)
  productRepeatDays: number;
}
