import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { DIGNITY_CATEGORIES, type DignityCategory, type DignityFinding } from '../dignity';

export const DIGNITY_CHECK_TEXT_MAX = 100_000;

export class CheckDignityDto {
  @ApiProperty({
    maxLength: DIGNITY_CHECK_TEXT_MAX,
    example: 'Kaos sablon karya warga binaan, Rp 85.000. Info: (021) 8195004',
  })
  @IsString()
  @MaxLength(DIGNITY_CHECK_TEXT_MAX)
  text: string;
}

export class DignityReasonResponse {
  @ApiProperty({ description: 'Bahasa Indonesia' }) id: string;
  @ApiProperty({ description: 'English' }) en: string;
}

export class DignityFindingResponse {
  @ApiProperty({ enum: DIGNITY_CATEGORIES }) category: DignityCategory;
  @ApiProperty({ description: 'UTF-16 offset of the span in the text' }) start: number;
  @ApiProperty({ description: 'End of the span, exclusive' }) end: number;
  @ApiProperty({ description: 'Exactly the flagged span of the text' }) match: string;
  @ApiProperty({ type: DignityReasonResponse }) reason: DignityReasonResponse;
}

export class DignityCheckResponse {
  @ApiProperty({ description: 'True when nothing was flagged' }) ok: boolean;
  @ApiProperty({ type: [DignityFindingResponse] }) findings: DignityFindingResponse[];
}

/** Only the span found in the caller's own text: never the list it matched against. */
export function toDignityFindingResponse(finding: DignityFinding): DignityFindingResponse {
  return {
    category: finding.category,
    start: finding.start,
    end: finding.end,
    match: finding.match,
    reason: { id: finding.reason.id, en: finding.reason.en },
  };
}
