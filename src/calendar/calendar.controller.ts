import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import { sendView } from '../common/view-cache';
import { CalendarSettingsService } from './calendar-settings.service';
import {
  CalendarMonthQuery,
  CalendarWeekQuery,
  ConflictSettingsDto,
  PlannedTimeDto,
} from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly settings: CalendarSettingsService,
  ) {}

  @Get('week')
  @RequirePermission(Permission.Read)
  @ApiOperation({
    summary: 'Posts of an ISO week in the institution’s time zone',
    description: 'Carries an ETag: send it back in If-None-Match for a 304 when nothing changed.',
  })
  async week(
    @Scope() scope: RequestScope,
    @Query() { week, ...filter }: CalendarWeekQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendView(res, await this.calendar.week(scope, week, filter));
  }

  @Get('month')
  @RequirePermission(Permission.Read)
  @ApiOperation({
    summary: 'Posts of a month in the institution’s time zone',
    description: 'Carries an ETag like the week view.',
  })
  async month(
    @Scope() scope: RequestScope,
    @Query() { month, ...filter }: CalendarMonthQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendView(res, await this.calendar.month(scope, month, filter));
  }

  @Post('posts/:id/move')
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  @ApiOperation({ summary: 'Move a post to a new time (same rules as scheduling)' })
  move(@Scope() scope: RequestScope, @UuidParam('id') id: string, @Body() dto: PlannedTimeDto) {
    return this.calendar.move(scope, id, dto);
  }

  @Get('settings')
  @RequirePermission(Permission.Read)
  @ApiOperation({ summary: 'The institution’s conflict settings (defaults 120 minutes, 7 days)' })
  getSettings(@Scope() scope: RequestScope): Promise<ConflictSettingsDto> {
    return this.settings.get(scope);
  }

  @Put('settings')
  @RequirePermission(Permission.InstitutionManage)
  @ApiOperation({ summary: 'Set the gap between posts and the product-repeat window (audited)' })
  updateSettings(
    @Scope() scope: RequestScope,
    @Body() dto: ConflictSettingsDto,
  ): Promise<ConflictSettingsDto> {
    return this.settings.update(scope, dto);
  }
}
