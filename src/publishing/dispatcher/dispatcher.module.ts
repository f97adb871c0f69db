import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RendersModule } from '../../content/renders/renders.module';
import { PlatformsModule } from '../../platforms/platforms.module';
import { DispatcherController } from './dispatcher.controller';
import { PublishAttempt, SandboxPost } from './dispatcher.entity';
import { DispatcherRepository } from './dispatcher.repository';
import { DispatcherService } from './dispatcher.service';
import { DispatcherTick } from './dispatcher.tick';
import { PublishingLogService } from './publishing-log.service';
import { TargetPublisher } from './target-publisher';

/** Publishes due post targets through the platform adapters; the sandbox feed and attempt log. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PublishAttempt, SandboxPost]),
    PlatformsModule,
    RendersModule,
  ],
  controllers: [DispatcherController],
  providers: [
    DispatcherRepository,
    TargetPublisher,
    DispatcherService,
    DispatcherTick,
    PublishingLogService,
  ],
  exports: [DispatcherService],
})
export class DispatcherModule {}
