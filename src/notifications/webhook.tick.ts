import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { WebhookDeliveryService } from './webhook-delivery.service';

export const WEBHOOK_TICK = 'webhook-delivery';
export const WEBHOOK_TICK_MS = 5_000;

/** The schedule only: every tick sends due webhook deliveries (worker processes only). */
@Injectable()
export class WebhookTick implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookTick.name);
  private readonly active: boolean;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.active = config.role === 'all' || config.role === 'worker';
  }

  @Interval(WEBHOOK_TICK, WEBHOOK_TICK_MS)
  tick(): void {
    if (!this.active || this.running) return;
    this.running = this.deliveries
      .deliverDue()
      .catch((error: unknown) => this.logger.error(`webhook delivery failed: ${String(error)}`))
      .finally(() => (this.running = null));
  }

  async onModuleDestroy(): Promise<void> {
    await this.running;
  }
}
