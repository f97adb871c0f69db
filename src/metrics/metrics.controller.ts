import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import { FollowerHistoryQuery, FollowerHistoryResponse, PostMetricsResponse } from './metrics.dto';
import { MetricsQueryService } from './metrics-query.service';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsQueryService) {}

  @Get('posts/:postId')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({
    summary: "A post's metrics history",
    description:
      'Every published target of the post: its latest figures and every snapshot (+1 h, +6 h, +24 h, +3 d, +7 d, +30 d). Null figures are unknown, never 0.',
  })
  @ApiOkResponse({ type: PostMetricsResponse })
  post(
    @Scope() scope: RequestScope,
    @UuidParam('postId') postId: string,
  ): Promise<PostMetricsResponse> {
    return this.metrics.postMetrics(scope, postId);
  }

  @Get('social-accounts/:accountId/followers')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({
    summary: "A social account's follower count per day",
    description: 'Days in the institution’s time zone; the last 365 days unless from/to are given.',
  })
  @ApiOkResponse({ type: FollowerHistoryResponse })
  followers(
    @Scope() scope: RequestScope,
    @UuidParam('accountId') accountId: string,
    @Query() query: FollowerHistoryQuery,
  ): Promise<FollowerHistoryResponse> {
    return this.metrics.followerHistory(scope, accountId, query);
  }
}
