import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { CheckDignityDto, DignityCheckResponse } from './dignity.dto';
import { DignityService } from './dignity.service';

@ApiTags('dignity')
@Controller('dignity')
export class DignityController {
  constructor(private readonly dignity: DignityService) {}

  /** Checks any text against the institution's consent register, lists and the fixed rules. */
  @Post('check')
  @HttpCode(200)
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: DignityCheckResponse })
  check(@Scope() scope: RequestScope, @Body() dto: CheckDignityDto): Promise<DignityCheckResponse> {
    return this.dignity.checkText(scope, dto);
  }
}
