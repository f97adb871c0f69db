import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, RequirePermission, Scope } from '../../auth/auth.decorators';
import { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { ICS_CONTENT_TYPE } from '../ics';
import { FeedUrlResponse } from '../planning/planning.dto';
import { IcsFeedService } from './ics-feed.service';

@ApiTags('calendar')
@Controller('calendar/feeds')
export class IcsFeedController {
  constructor(private readonly feeds: IcsFeedService) {}

  @Post()
  @RequirePermission(Permission.Read)
  @ApiCreatedResponse({ type: FeedUrlResponse, description: 'Creates or rotates the secret URL' })
  create(@Scope() scope: RequestScope): Promise<FeedUrlResponse> {
    return this.feeds.create(scope);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission(Permission.Read)
  @ApiNoContentResponse({ description: 'Every live feed URL of the caller stops working' })
  revoke(@Scope() scope: RequestScope): Promise<void> {
    return this.feeds.revoke(scope);
  }

  /** The secret token in the path is the credential (calendar apps send no headers). */
  @Get(':token')
  @Public()
  @Header('Content-Type', ICS_CONTENT_TYPE)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  feed(@Param('token') token: string): Promise<string> {
    return this.feeds.render(token);
  }
}
