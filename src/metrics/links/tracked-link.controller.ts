import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  CreateTrackedLinkDto,
  TrackedLinkListQuery,
  TrackedLinkPage,
  TrackedLinkResponse,
} from './tracked-link.dto';
import { TrackedLinkService } from './tracked-link.service';

@ApiTags('metrics')
@Controller('links')
export class TrackedLinkController {
  constructor(private readonly links: TrackedLinkService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: TrackedLinkPage, description: 'Newest first, with click counts' })
  list(
    @Scope() scope: RequestScope,
    @Query() query: TrackedLinkListQuery,
  ): Promise<Page<TrackedLinkResponse>> {
    return this.links.list(scope, query);
  }

  @Post()
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({ type: TrackedLinkResponse, description: 'A link for a partner' })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateTrackedLinkDto,
  ): Promise<TrackedLinkResponse> {
    return this.links.create(scope, dto);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({
    type: TrackedLinkResponse,
    description: 'Hidden from the list; still redirects',
  })
  archive(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<TrackedLinkResponse> {
    return this.links.archive(scope, id);
  }
}
