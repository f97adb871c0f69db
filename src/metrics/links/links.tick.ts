import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerTick } from '../../common/worker-tick';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { TrackedLinkService } from './tracked-link.service';

export const TRACKED_LINKS_TICK = 'tracked-links';
export const TRACKED_LINKS_TICK_MS = 60_000;

/**
 * Gives every target of a scheduled product post its tracked link within a minute, without
 * Content or Publishing having to know about links. Publishing may also call linkForTarget
 * itself; both are idempotent.
 */
@Injectable()
export class TrackedLinksTick extends WorkerTick {
  constructor(
    private readonly links: TrackedLinkService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, 'Tracked links for scheduled targets');
  }

  @Interval(TRACKED_LINKS_TICK, TRACKED_LINKS_TICK_MS)
  tick(): Promise<void> {
    return this.run();
  }

  protected async work(): Promise<void> {
    await this.links.linkScheduledTargets();
  }
}
