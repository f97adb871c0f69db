import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import { PostReviewService } from './post-review.service';
import {
  PostCommentView,
  PostPage,
  PostPreviewResponse,
  PostResponse,
  PostSummaryResponse,
} from './post-response.dto';
import {
  ApprovePostDto,
  CancelPostDto,
  CreatePostDto,
  DignityOverrideDto,
  PostCommentDto,
  PostListQuery,
  RequestChangesDto,
  SchedulePostDto,
  UpdatePostDto,
} from './post.dto';
import { PostService } from './post.service';

/** No DELETE: a post is cancelled, so the audit trail and any published copies stay traceable. */
@ApiTags('posts')
@Controller('posts')
export class PostController {
  constructor(
    private readonly posts: PostService,
    private readonly review: PostReviewService,
  ) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: PostPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: PostListQuery,
  ): Promise<Page<PostSummaryResponse>> {
    return this.posts.list(scope, query);
  }

  @Post()
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({ type: PostResponse })
  create(@Scope() scope: RequestScope, @Body() dto: CreatePostDto): Promise<PostResponse> {
    return this.posts.create(scope, dto);
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: PostPreviewResponse, description: 'Unsaved content; nothing is stored' })
  previewNew(
    @Scope() scope: RequestScope,
    @Body() dto: CreatePostDto,
  ): Promise<PostPreviewResponse> {
    return this.posts.previewNew(scope, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: PostResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<PostResponse> {
    return this.posts.get(scope, id);
  }

  @Get(':id/preview')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: PostPreviewResponse })
  preview(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<PostPreviewResponse> {
    return this.posts.preview(scope, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: PostResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostResponse> {
    return this.posts.update(scope, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: PostResponse })
  submit(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<PostResponse> {
    return this.review.submit(scope, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ContentApprove)
  @ApiOkResponse({ type: PostResponse })
  approve(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: ApprovePostDto,
  ): Promise<PostResponse> {
    return this.review.approve(scope, id, dto);
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  @RequirePermission(Permission.ContentApprove)
  @ApiOkResponse({ type: PostResponse })
  requestChanges(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: RequestChangesDto,
  ): Promise<PostResponse> {
    return this.review.requestChanges(scope, id, dto);
  }

  @Post(':id/overrides')
  @HttpCode(200)
  @RequirePermission(Permission.ContentApprove)
  @ApiOkResponse({ type: PostResponse })
  override(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: DignityOverrideDto,
  ): Promise<PostResponse> {
    return this.review.override(scope, id, dto);
  }

  @Post(':id/comments')
  @RequirePermission(Permission.ContentWrite)
  @ApiCreatedResponse({ type: PostCommentView })
  comment(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: PostCommentDto,
  ): Promise<PostCommentView> {
    return this.review.comment(scope, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: PostResponse })
  cancel(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: CancelPostDto,
  ): Promise<PostResponse> {
    return this.review.cancel(scope, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({ type: PostResponse })
  reopen(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<PostResponse> {
    return this.review.reopen(scope, id);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  @ApiOkResponse({ type: PostResponse })
  schedule(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: SchedulePostDto,
  ): Promise<PostResponse> {
    return this.review.schedule(scope, id, dto);
  }
}
