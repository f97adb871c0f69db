import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { UuidParam } from '../../common/uuid.pipe';
import { POST_STATUSES, type PostStatus } from '../../content/posts/post-status';
import { TargetRetryService } from './target-retry.service';

export class TargetRetryResponse {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ enum: ['pending'] }) status: 'pending';
  @ApiProperty() nextAttemptAt: Date;
  @ApiProperty({ enum: POST_STATUSES }) postStatus: PostStatus;
}

@ApiTags('publishing')
@Controller('posts/:postId/targets/:targetId/retry')
export class TargetRetryController {
  constructor(private readonly retries: TargetRetryService) {}

  @Post()
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  @ApiOperation({
    summary: 'Put a failed target back in the queue, due now',
    description: '409 when the account must be reconnected or publishing is paused',
  })
  @ApiOkResponse({ type: TargetRetryResponse })
  retry(
    @Scope() scope: RequestScope,
    @UuidParam('postId') postId: string,
    @UuidParam('targetId') targetId: string,
  ): Promise<TargetRetryResponse> {
    return this.retries.retry(scope, postId, targetId);
  }
}
