import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { UuidParam } from '../common/uuid.pipe';
import { ReorderQueueDto, ReplaceSlotsDto } from './calendar.dto';
import { QueueService } from './queue.service';

@ApiTags('calendar')
@Controller()
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get('social-accounts/:id/slots')
  @RequirePermission(Permission.Read)
  slots(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return this.queue.slots(scope, id);
  }

  @Put('social-accounts/:id/slots')
  @RequirePermission(Permission.CalendarWrite)
  @ApiOperation({ summary: 'Replace the account’s weekly posting slots' })
  replaceSlots(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: ReplaceSlotsDto,
  ) {
    return this.queue.replaceSlots(scope, id, dto);
  }

  @Get('social-accounts/:id/queue')
  @RequirePermission(Permission.Read)
  list(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return this.queue.list(scope, id);
  }

  @Post('social-accounts/:id/queue/reorder')
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  reorder(@Scope() scope: RequestScope, @UuidParam('id') id: string, @Body() dto: ReorderQueueDto) {
    return this.queue.reorder(scope, id, dto);
  }

  @Post('social-accounts/:id/queue/shuffle')
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  shuffle(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return this.queue.shuffle(scope, id);
  }

  @Post('posts/:id/queue')
  @HttpCode(200)
  @RequirePermission(Permission.CalendarWrite)
  @ApiOperation({ summary: 'Put the post into the next free slot of each of its accounts' })
  addToQueue(@Scope() scope: RequestScope, @UuidParam('id') id: string) {
    return this.queue.addToQueue(scope, id);
  }
}
