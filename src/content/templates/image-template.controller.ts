import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  CreateImageTemplateDto,
  CreateImageTemplateVersionDto,
  ImageTemplateListQuery,
  ImageTemplatePage,
  ImageTemplateResponse,
} from './image-template.dto';
import { ImageTemplateService } from './image-template.service';

@ApiTags('content')
@Controller('image-templates')
export class ImageTemplateController {
  constructor(private readonly templates: ImageTemplateService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({
    type: ImageTemplatePage,
    description: 'The newest version of each built-in and of each of the institution’s templates',
  })
  list(
    @Scope() scope: RequestScope,
    @Query() query: ImageTemplateListQuery,
  ): Promise<Page<ImageTemplateResponse>> {
    return this.templates.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ImageTemplateResponse, description: 'Any version, old ones included' })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<ImageTemplateResponse> {
    return this.templates.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({
    type: ImageTemplateResponse,
    description:
      'Version 1 of a new template. To copy a built-in, send its definition under a new id. ' +
      '400 names the offending path; 422 when the output breaks a claimed network’s rules.',
  })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateImageTemplateDto,
  ): Promise<ImageTemplateResponse> {
    return this.templates.create(scope, dto);
  }

  @Post(':id/versions')
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({
    type: ImageTemplateResponse,
    description: 'The next version of the template; 409 for built-ins, which cannot change',
  })
  createVersion(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: CreateImageTemplateVersionDto,
  ): Promise<ImageTemplateResponse> {
    return this.templates.createVersion(scope, id, dto);
  }
}
