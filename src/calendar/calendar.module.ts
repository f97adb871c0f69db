import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../publishing/accounts/accounts.module';
import { DueSignalModule } from '../publishing/due-signal/due-signal.module';
import { BlackoutController } from './blackout.controller';
import { BlackoutRepository } from './blackout.repository';
import { BlackoutService } from './blackout.service';
import { CalendarSettingsService } from './calendar-settings.service';
import { CalendarController } from './calendar.controller';
import { BlackoutDate, PostingSlot, PublishingPause } from './calendar.entity';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { PauseController, ResumeController } from './pause.controller';
import { PauseRepository } from './pause.repository';
import { PublishingPauseService } from './pause.service';
import { QueueController } from './queue.controller';
import { QueueRepository } from './queue.repository';
import { QueueService } from './queue.service';
import { SchedulingRules } from './scheduling.service';

/**
 * Calendar: week and month views, scheduling rules (future, blackouts, conflict warnings),
 * posting slots and the queue, blackout dates, and pausing all publishing.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PostingSlot, BlackoutDate, PublishingPause]),
    AccountsModule,
    DueSignalModule,
  ],
  controllers: [
    CalendarController,
    QueueController,
    BlackoutController,
    PauseController,
    ResumeController,
  ],
  providers: [
    CalendarRepository,
    BlackoutRepository,
    QueueRepository,
    PauseRepository,
    SchedulingRules,
    CalendarService,
    CalendarSettingsService,
    QueueService,
    BlackoutService,
    PublishingPauseService,
  ],
  exports: [SchedulingRules, PublishingPauseService, BlackoutService],
})
export class CalendarModule {}
