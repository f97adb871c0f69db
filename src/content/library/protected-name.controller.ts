import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import { LibraryListQueryDto } from './library.dto';
import {
  CreateProtectedNameDto,
  ProtectedNamePage,
  ProtectedNameResponse,
  UpdateProtectedNameDto,
} from './protected-name.dto';
import { ProtectedNameService } from './protected-name.service';

/** Personal data: changed by those who keep the consent register. */
@ApiTags('dignity')
@Controller('protected-names')
export class ProtectedNameController {
  constructor(private readonly names: ProtectedNameService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ProtectedNamePage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: LibraryListQueryDto,
  ): Promise<Page<ProtectedNameResponse>> {
    return this.names.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ProtectedNameResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<ProtectedNameResponse> {
    return this.names.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.ConsentManage)
  @ApiCreatedResponse({ type: ProtectedNameResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateProtectedNameDto,
  ): Promise<ProtectedNameResponse> {
    return this.names.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.ConsentManage)
  @ApiOkResponse({ type: ProtectedNameResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProtectedNameDto,
  ): Promise<ProtectedNameResponse> {
    return this.names.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.ConsentManage)
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.names.delete(scope, id);
  }
}
