import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import { BlackoutRangeQuery, CreateBlackoutDto, UpdateBlackoutDto } from './calendar.dto';
import { BlackoutService } from './blackout.service';

@ApiTags('calendar')
@Controller('blackouts')
export class BlackoutController {
  constructor(private readonly blackouts: BlackoutService) {}

  @Get()
  @RequirePermission(Permission.Read)
  list(@Scope() scope: RequestScope, @Query() query: BlackoutRangeQuery) {
    return this.blackouts.list(scope, query);
  }

  @Post()
  @RequirePermission(Permission.CalendarWrite)
  create(@Scope() scope: RequestScope, @Body() dto: CreateBlackoutDto) {
    return this.blackouts.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.CalendarWrite)
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateBlackoutDto,
  ) {
    return this.blackouts.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.CalendarWrite)
  remove(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.blackouts.remove(scope, id);
  }
}
