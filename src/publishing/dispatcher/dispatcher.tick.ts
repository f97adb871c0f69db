import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DispatcherService } from './dispatcher.service';

export const DISPATCH_TICK = 'publishing-dispatch';
export const DISPATCH_TICK_MS = 5_000;

/** The schedule only: every tick claims and publishes what is due (worker processes only). */
@Injectable()
export class DispatcherTick implements OnModuleDestroy {
  private readonly logger = new Logger(DispatcherTick.name);
  private readonly active: boolean;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly dispatcher: DispatcherService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.active = config.role === 'all' || config.role === 'worker';
  }

  @Interval(DISPATCH_TICK, DISPATCH_TICK_MS)
  tick(): void {
    // A long run is not overlapped by the next tick.
    if (!this.active || this.running) return;
    this.running = this.dispatcher
      .runOnce()
      .catch((error: unknown) => this.logger.error(`dispatch failed: ${String(error)}`))
      .finally(() => (this.running = null));
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.drain();
    await this.running;
  }
}
