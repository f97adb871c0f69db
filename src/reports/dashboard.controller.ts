import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { DashboardQuery, DashboardResponse } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('reports')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @RequirePermission(Permission.ReportsRead)
  @ApiOkResponse({ type: DashboardResponse, description: "The caller's institution's month" })
  institution(@Scope() scope: RequestScope, @Query() query: DashboardQuery) {
    return this.dashboards.forInstitution(scope, query.month);
  }

  @Get('national')
  @RequirePermission(Permission.ReportsNational)
  @ApiOkResponse({ type: DashboardResponse, description: 'Every institution; national roles' })
  national(@Query() query: DashboardQuery) {
    return this.dashboards.national(query.month);
  }
}
