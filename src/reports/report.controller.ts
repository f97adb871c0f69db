import { Body, Controller, Get, Header, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import {
  GenerateReportDto,
  MonthlyReportResponse,
  ReportFileQuery,
  toMonthlyReportResponse,
} from './report.dto';
import { ReportService } from './report.service';

@ApiTags('reports')
@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Post()
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: "Generates (or regenerates) a month's report now; audited" })
  @ApiCreatedResponse({ type: MonthlyReportResponse })
  async generate(@Scope() scope: RequestScope, @Body() body: GenerateReportDto) {
    return toMonthlyReportResponse(await this.reports.generate(scope, body.month, body.scope));
  }

  @Get()
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: 'Past reports, newest month first (national ones for national roles)' })
  @ApiOkResponse({ type: MonthlyReportResponse, isArray: true })
  async list(@Scope() scope: RequestScope) {
    return (await this.reports.list(scope)).map(toMonthlyReportResponse);
  }

  @Get(':id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOkResponse({ type: MonthlyReportResponse })
  async get(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return toMonthlyReportResponse(await this.reports.get(scope, id));
  }

  @Get(':id/file')
  @RequirePermission(Permission.ReportsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Downloads the report as PDF (default), CSV or XLSX' })
  @ApiProduces(
    'application/pdf',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async file(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Query() query: ReportFileQuery,
  ): Promise<StreamableFile> {
    const file = await this.reports.file(scope, id, query.format ?? 'pdf');
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
