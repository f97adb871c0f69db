import { Body, Controller, Get, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { SingleFileUpload, type UploadedBinary } from '../../media/upload.interceptor';
import {
  SalesImportFields,
  SalesImportListQuery,
  SalesImportResponse,
  SalesImportUploadDto,
} from './sales-import.dto';
import { SalesImportService } from './sales-import.service';

/** Sales figures are catalogue data kept by the same staff, hence CatalogueWrite. */
@ApiTags('reports')
@Controller('sales-imports')
export class SalesImportController {
  constructor(private readonly imports: SalesImportService) {}

  @Post()
  @RequirePermission(Permission.CatalogueWrite)
  @UseInterceptors(SingleFileUpload('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SalesImportUploadDto })
  @ApiCreatedResponse({
    type: SalesImportResponse,
    description: 'Imported whole; replaces an earlier import of the same month and source',
  })
  upload(
    @Scope() scope: RequestScope,
    @UploadedFile() file: UploadedBinary | undefined,
    @Body() fields: SalesImportFields,
  ): Promise<SalesImportResponse> {
    return this.imports.upload(scope, file, fields.source);
  }

  @Get()
  @RequirePermission(Permission.ReportsRead)
  @ApiOkResponse({ type: [SalesImportResponse] })
  list(
    @Scope() scope: RequestScope,
    @Query() query: SalesImportListQuery,
  ): Promise<SalesImportResponse[]> {
    return this.imports.list(scope, query.month);
  }
}
