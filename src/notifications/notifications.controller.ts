import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import {
  MarkedReadResponse,
  NotificationListQuery,
  NotificationPageResponse,
  NotificationResponse,
  UnreadCountResponse,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOperation({ summary: "The institution's notifications, unread first" })
  @ApiOkResponse({ type: NotificationPageResponse })
  list(
    @Scope() scope: RequestScope,
    @Query() query: NotificationListQuery,
  ): Promise<Page<NotificationResponse>> {
    return this.notifications.list(scope, query);
  }

  @Get('unread-count')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: UnreadCountResponse })
  unreadCount(@Scope() scope: RequestScope): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(scope);
  }

  @Post('read-all')
  @HttpCode(200)
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: MarkedReadResponse })
  markAllRead(@Scope() scope: RequestScope): Promise<MarkedReadResponse> {
    return this.notifications.markAllRead(scope);
  }

  @Post(':id/read')
  @HttpCode(200)
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: NotificationResponse })
  markRead(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
  ): Promise<NotificationResponse> {
    return this.notifications.markRead(scope, id);
  }
}
