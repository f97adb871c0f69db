import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import {
  CreateWorkshopDto,
  UpdateWorkshopDto,
  WorkshopListQuery,
  WorkshopPage,
  WorkshopResponse,
} from './workshop.dto';
import { WorkshopService } from './workshop.service';

@ApiTags('catalogue')
@Controller('workshops')
export class WorkshopController {
  constructor(private readonly workshops: WorkshopService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: WorkshopPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: WorkshopListQuery,
  ): Promise<Page<WorkshopResponse>> {
    return this.workshops.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: WorkshopResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<WorkshopResponse> {
    return this.workshops.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.CatalogueWrite)
  @ApiCreatedResponse({ type: WorkshopResponse })
  create(@Scope() scope: RequestScope, @Body() dto: CreateWorkshopDto): Promise<WorkshopResponse> {
    return this.workshops.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.CatalogueWrite)
  @ApiOkResponse({ type: WorkshopResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateWorkshopDto,
  ): Promise<WorkshopResponse> {
    return this.workshops.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.CatalogueWrite)
  @ApiNoContentResponse({ description: 'Deleted; 409 when products still use the workshop' })
  delete(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.workshops.delete(scope, id);
  }
}
