import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RendersModule } from '../../content/renders/renders.module';
import { PlatformsModule } from '../../platforms/platforms.module';
import { AccountsModule } from '../accounts/accounts.module';
import { DueSignalModule } from '../due-signal/due-signal.module';
import { DispatchQueueRepository } from './dispatch-queue.repository';
import { DispatcherController } from './dispatcher.controller';
import { PublishAttempt, SandboxPost } from './dispatcher.entity';
import { DispatcherRepository } from './dispatcher.repository';
import { DispatcherService } from './dispatcher.service';
import { DispatcherTick } from './dispatcher.tick';
import { PublishingLogService } from './publishing-log.service';
import { TargetEvents } from './target-events';
import { PostLockRepository } from './post-lock.repository';
import { TargetOutcomes } from './target-outcomes';
import { TargetPublisher } from './target-publisher';
import { TargetRetryController } from './target-retry.controller';
import { TargetRetryRepository } from './target-retry.repository';
import { TargetRetryService } from './target-retry.service';

/** Publishes due post targets through the platform adapters; the sandbox feed and attempt log. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PublishAttempt, SandboxPost]),
    PlatformsModule,
    RendersModule,
    AccountsModule,
    DueSignalModule,
  ],
  controllers: [DispatcherController, TargetRetryController],
  providers: [
    DispatchQueueRepository,
    DispatcherRepository,
    TargetPublisher,
    TargetOutcomes,
    PostLockRepository,
    TargetEvents,
    TargetRetryRepository,
    TargetRetryService,
    DispatcherService,
    DispatcherTick,
    PublishingLogService,
  ],
  exports: [DispatcherService],
})
export class DispatcherModule {}
