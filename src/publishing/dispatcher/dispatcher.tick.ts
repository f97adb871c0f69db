import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { runsBackgroundJobs } from '../../common/worker-tick';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DispatcherService } from './dispatcher.service';

export const DISPATCH_TICK = 'publishing-dispatch';
export const DISPATCH_TICK_MS = 5_000;

/**
 * The schedule only (worker processes only). The dispatcher wakes itself when the next target
 * falls due and pumps again whenever a publish finishes; the tick is the safety net that catches
 * whatever those miss (posts scheduled by another process, paused institutions resuming).
 */
@Injectable()
export class DispatcherTick implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly active: boolean;

  constructor(
    private readonly dispatcher: DispatcherService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.active = runsBackgroundJobs(config);
  }

  onApplicationBootstrap(): void {
    if (this.active) this.dispatcher.start();
  }

  @Interval(DISPATCH_TICK, DISPATCH_TICK_MS)
  tick(): void {
    if (this.active) this.dispatcher.kick();
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.drain();
  }
}
