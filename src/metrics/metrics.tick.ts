import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricCollectorService } from './metric-collector.service';

export const METRICS_TICK = 'metrics-collect';
export const METRICS_TICK_MS = 15_000;

/** The schedule only: every tick runs one collection pass (worker processes only). */
@Injectable()
export class MetricsTick implements OnModuleDestroy {
  private readonly logger = new Logger(MetricsTick.name);
  private readonly active: boolean;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly collector: MetricCollectorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.active = config.role === 'all' || config.role === 'worker';
  }

  @Interval(METRICS_TICK, METRICS_TICK_MS)
  tick(): void {
    if (!this.active || this.running) return;
    this.running = this.collector
      .runOnce()
      .catch((error: unknown) => this.logger.error(`metrics collection failed: ${String(error)}`))
      .finally(() => (this.running = null));
  }

  async onModuleDestroy(): Promise<void> {
    await this.running;
  }
}
