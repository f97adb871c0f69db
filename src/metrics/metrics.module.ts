import { Module } from '@nestjs/common';
import { PlatformsModule } from '../platforms/platforms.module';
import { AccountsModule } from '../publishing/accounts/accounts.module';
import { FollowerCountRepository } from './follower-count.repository';
import { MetricCollectorService } from './metric-collector.service';
import { MetricsController } from './metrics.controller';
import { MetricsQueryRepository } from './metrics-query.repository';
import { MetricsQueryService } from './metrics-query.service';
import { MetricsRecorder } from './metrics-recorder';
import { MetricsRepository } from './metrics.repository';
import { MetricsTick } from './metrics.tick';

/**
 * Engagement metrics: snapshots of every published target on a fixed schedule, the latest figures
 * and daily rollups the dashboards read, daily follower counts, and the read API.
 */
@Module({
  imports: [PlatformsModule, AccountsModule],
  controllers: [MetricsController],
  providers: [
    MetricsRepository,
    FollowerCountRepository,
    MetricsRecorder,
    MetricCollectorService,
    MetricsTick,
    MetricsQueryRepository,
    MetricsQueryService,
  ],
  exports: [MetricCollectorService, MetricsRecorder],
})
export class MetricsModule {}
