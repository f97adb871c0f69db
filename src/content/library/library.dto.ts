import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/dto-decorators';
import { PageQueryDto } from '../../common/pagination';

/** `?q=` on every institution list: part of the name (or word), case-insensitive. */
export class LibraryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, case-insensitive', maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}
