import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { TrackedLinkService } from './tracked-link.service';

export const TRACKED_LINKS_TICK = 'tracked-links';
export const TRACKED_LINKS_TICK_MS = 60_000;

/**
 * Gives every target of a scheduled product post its tracked link within a minute (worker
 * processes only), without Content or Publishing having to know about links. Publishing may
 * also call linkForTarget itself; both are idempotent.
 */
@Injectable()
export class TrackedLinksTick {
  private readonly logger = new Logger(TrackedLinksTick.name);
  private readonly active: boolean;
  private running = false;

  constructor(
    private readonly links: TrackedLinkService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.active = config.role === 'all' || config.role === 'worker';
  }

  @Interval(TRACKED_LINKS_TICK, TRACKED_LINKS_TICK_MS)
  async tick(): Promise<void> {
    if (!this.active || this.running) return;
    this.running = true;
    try {
      await this.links.linkScheduledTargets();
    } catch (error) {
      this.logger.error({ err: error }, 'Could not make tracked links for scheduled targets');
    } finally {
      this.running = false;
    }
  }
}
