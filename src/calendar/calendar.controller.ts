import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import { CalendarMonthQuery, CalendarWeekQuery, PlannedTimeDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('week')
  @RequirePermission(Permission.Read)
  @ApiOperation({ summary: 'Posts of an ISO week in the institution’s time zone' })
  week(@Scope() scope: RequestScope, @Query() { week, ...filter }: CalendarWeekQuery) {
    return this.calendar.week(scope, week, filter);
  }

  @Get('month')
  @RequirePermission(Permission.Read)
  @ApiOperation({ summary: 'Posts of a month in the institution’s time zone' })
  month(@Scope() scope: RequestScope, @Query() { month, ...filter }: CalendarMonthQuery) {
    return this.calendar.month(scope, month, filter);
  }

  @Post('posts/:id/move')
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  @ApiOperation({ summary: 'Move a post to a new time (same rules as scheduling)' })
  move(@Scope() scope: RequestScope, @UuidParam('id') id: string, @Body() dto: PlannedTimeDto) {
    return this.calendar.move(scope, id, dto);
  }
}
