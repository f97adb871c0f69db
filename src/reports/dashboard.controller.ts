import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { sendView } from '../common/view-cache';
import { DashboardQuery, DashboardResponse } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('reports')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @RequirePermission(Permission.ReportsRead)
  @ApiOkResponse({
    type: DashboardResponse,
    description:
      "The caller's institution's month. Carries an ETag: send it back in If-None-Match for " +
      'a 304 when nothing changed.',
  })
  async institution(
    @Scope() scope: RequestScope,
    @Query() query: DashboardQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendView(res, await this.dashboards.forInstitution(scope.requireInstitution(), query.month));
  }

  @Get('national')
  @RequirePermission(Permission.ReportsNational)
  @ApiOkResponse({ type: DashboardResponse, description: 'Every institution; national roles' })
  national(@Query() query: DashboardQuery) {
    return this.dashboards.national(query.month);
  }
}
