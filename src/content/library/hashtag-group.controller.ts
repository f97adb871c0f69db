import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  CreateHashtagGroupDto,
  HashtagGroupPage,
  HashtagGroupResponse,
  UpdateHashtagGroupDto,
} from './hashtag-group.dto';
import { HashtagGroupService } from './hashtag-group.service';
import { LibraryListQueryDto } from './library.dto';

@ApiTags('content')
@Controller('hashtag-groups')
export class HashtagGroupController {
  constructor(private readonly groups: HashtagGroupService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: HashtagGroupPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: LibraryListQueryDto,
  ): Promise<Page<HashtagGroupResponse>> {
    return this.groups.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: HashtagGroupResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<HashtagGroupResponse> {
    return this.groups.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({ type: HashtagGroupResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateHashtagGroupDto,
  ): Promise<HashtagGroupResponse> {
    return this.groups.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: HashtagGroupResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateHashtagGroupDto,
  ): Promise<HashtagGroupResponse> {
    return this.groups.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.ContentWrite)
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.groups.delete(scope, id);
  }
}
