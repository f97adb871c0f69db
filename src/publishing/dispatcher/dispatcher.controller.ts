import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { PageQueryDto } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import { PublishingLogService } from './publishing-log.service';

@ApiTags('publishing')
@Controller()
export class DispatcherController {
  constructor(private readonly log: PublishingLogService) {}

  @Get('sandbox/feed')
  @RequirePermission(Permission.Read)
  @ApiOperation({ summary: 'The sandbox feed: posts of sandbox accounts, newest first' })
  feed(@Scope() scope: RequestScope, @Query() query: PageQueryDto) {
    return this.log.feed(scope, query);
  }

  @Get('posts/:id/attempts')
  @RequirePermission(Permission.Read)
  @ApiOperation({ summary: 'The publishing log of a post: every attempt on every target' })
  attempts(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return this.log.attempts(scope, id);
  }
}
