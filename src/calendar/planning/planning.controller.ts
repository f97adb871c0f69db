import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { UuidParam } from '../../common/uuid.pipe';
import type { UploadedBinary } from '../../media/upload.interceptor';
import { PlanFileUpload } from './plan-file.upload';
import { PlanImportService } from './plan-import.service';
import { PlanWeekService } from './plan-week.service';
import {
  CopyWeekDto,
  CopyWeekResponse,
  ExportQuery,
  PlanImportResponse,
  PlanImportUploadDto,
  WeekQuery,
} from './planning.dto';

@ApiTags('calendar')
@Controller('calendar')
export class PlanningController {
  constructor(
    private readonly imports: PlanImportService,
    private readonly weeks: PlanWeekService,
  ) {}

  @Post('import')
  @RequirePermission(Permission.CalendarWrite)
  @UseInterceptors(PlanFileUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: PlanImportUploadDto })
  @ApiCreatedResponse({ type: PlanImportResponse, description: 'Imported: every row is a draft' })
  @ApiAcceptedResponse({ type: PlanImportResponse, description: 'Large file: poll the import' })
  import(
    @Scope() scope: RequestScope,
    @UploadedFile() file: UploadedBinary | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanImportResponse> {
    return this.imports.upload(scope, file, (status) => res.status(status));
  }

  @Get('imports/:id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: PlanImportResponse })
  getImport(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return this.imports.get(scope, id);
  }

  @Get('export')
  @RequirePermission(Permission.Read)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @Scope() scope: RequestScope,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.weeks.export(scope, query);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(file.body, { type: file.contentType });
  }

  @Post('copy-week')
  @HttpCode(201)
  @RequirePermission(Permission.CalendarWrite)
  @ApiCreatedResponse({ type: CopyWeekResponse })
  copyWeek(@Scope() scope: RequestScope, @Body() dto: CopyWeekDto): Promise<CopyWeekResponse> {
    return this.weeks.copyWeek(scope, dto);
  }

  @Get('summary')
  @RequirePermission(Permission.Read)
  summary(@Scope() scope: RequestScope, @Query() query: WeekQuery) {
    return this.weeks.summary(scope, query.week);
  }
}
