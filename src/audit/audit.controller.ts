import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { Page } from '../common/pagination';
import { AUDIT_EXPORT_MAX_ROWS, AuditQueryService } from './audit-query.service';
import {
  AuditEntryResponse,
  AuditFilterQueryDto,
  AuditPageResponse,
  AuditQueryDto,
} from './audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit log entries, newest first' })
  @ApiOkResponse({ type: AuditPageResponse })
  list(
    @Scope() scope: RequestScope,
    @Query() query: AuditQueryDto,
  ): Promise<Page<AuditEntryResponse>> {
    return this.audit.list(scope, query);
  }

  @Get('export.csv')
  @RequirePermission(Permission.AuditRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Audit log as CSV, newest first',
    description: `At most ${AUDIT_EXPORT_MAX_ROWS} rows; X-Export-Truncated: true when more matched. The export is itself audited.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string' },
    headers: {
      'X-Export-Truncated': {
        description: 'true when more rows matched than the export holds',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
    },
  })
  async exportCsv(
    @Scope() scope: RequestScope,
    @Query() query: AuditFilterQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { csv, truncated } = await this.audit.exportCsv(scope, query);
    res.setHeader('X-Export-Truncated', String(truncated));
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="audit-log.csv"',
    });
  }
}
