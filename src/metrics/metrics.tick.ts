import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerTick } from '../common/worker-tick';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricCollectorService } from './metric-collector.service';

export const METRICS_TICK = 'metrics-collect';
export const METRICS_TICK_MS = 15_000;

/** The schedule only: every tick runs one collection pass. */
@Injectable()
export class MetricsTick extends WorkerTick {
  constructor(
    private readonly collector: MetricCollectorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, 'Metrics collection');
  }

  @Interval(METRICS_TICK, METRICS_TICK_MS)
  tick(): Promise<void> {
    return this.run();
  }

  protected async work(): Promise<void> {
    await this.collector.runOnce();
  }
}
