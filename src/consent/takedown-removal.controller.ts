import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import { TakedownRemovalListResponse } from './takedown-removal.dto';
import { TakedownRemovalService } from './takedown-removal.service';

@ApiTags('consent')
@Controller('takedown-tasks/:id')
export class TakedownRemovalController {
  constructor(private readonly removals: TakedownRemovalService) {}

  @Get('removals')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: TakedownRemovalListResponse })
  list(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
  ): Promise<TakedownRemovalListResponse> {
    return this.removals.list(scope, id);
  }

  @Post('remove-posts')
  @HttpCode(200)
  @RequirePermission(Permission.ConsentManage)
  @ApiOperation({
    summary: "Delete the task's published posts through the platforms",
    description:
      'What a platform cannot delete becomes a manual item with the permalink. Safe to repeat.',
  })
  @ApiOkResponse({ type: TakedownRemovalListResponse })
  removePosts(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
  ): Promise<TakedownRemovalListResponse> {
    return this.removals.removePublished(scope, id);
  }

  @Post('removals/:removalId/done')
  @HttpCode(200)
  @RequirePermission(Permission.ConsentManage)
  @ApiOperation({ summary: 'Mark a manual item done after removing the post by hand' })
  @ApiOkResponse({ type: TakedownRemovalListResponse })
  resolve(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @UuidParam('removalId') removalId: string,
  ): Promise<TakedownRemovalListResponse> {
    return this.removals.resolveManual(scope, id, removalId);
  }
}
