import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import {
  TakedownListQuery,
  TakedownPageResponse,
  TakedownResponse,
  UpdateTakedownDto,
} from './takedown.dto';
import { TakedownService } from './takedown.service';

@ApiTags('consent')
@Controller('takedown-tasks')
export class TakedownController {
  constructor(private readonly takedowns: TakedownService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: TakedownPageResponse })
  list(
    @Scope() scope: RequestScope,
    @Query() query: TakedownListQuery,
  ): Promise<Page<TakedownResponse>> {
    return this.takedowns.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: TakedownResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<TakedownResponse> {
    return this.takedowns.get(scope, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ConsentManage)
  @ApiOkResponse({ type: TakedownResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateTakedownDto,
  ): Promise<TakedownResponse> {
    return this.takedowns.updateStatus(scope, id, dto);
  }
}
