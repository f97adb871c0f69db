import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  CaptionTemplateListQuery,
  CaptionTemplatePage,
  CaptionTemplateResponse,
  CreateCaptionTemplateDto,
  UpdateCaptionTemplateDto,
} from './caption-template.dto';
import { CaptionTemplateService } from './caption-template.service';

@ApiTags('content')
@Controller('caption-templates')
export class CaptionTemplateController {
  constructor(private readonly templates: CaptionTemplateService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: CaptionTemplatePage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: CaptionTemplateListQuery,
  ): Promise<Page<CaptionTemplateResponse>> {
    return this.templates.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: CaptionTemplateResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<CaptionTemplateResponse> {
    return this.templates.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({ type: CaptionTemplateResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateCaptionTemplateDto,
  ): Promise<CaptionTemplateResponse> {
    return this.templates.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: CaptionTemplateResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCaptionTemplateDto,
  ): Promise<CaptionTemplateResponse> {
    return this.templates.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.ContentWrite)
  @ApiNoContentResponse({ description: 'Deleted; posts that used it keep their captions' })
  delete(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.templates.delete(scope, id);
  }
}
