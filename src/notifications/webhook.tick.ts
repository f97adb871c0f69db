import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { WorkerTick } from '../common/worker-tick';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { WebhookDeliveryService } from './webhook-delivery.service';

export const WEBHOOK_TICK = 'webhook-delivery';
export const WEBHOOK_TICK_MS = 5_000;

/** The schedule only: every tick sends due webhook deliveries. */
@Injectable()
export class WebhookTick extends WorkerTick {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, 'Webhook delivery');
  }

  @Interval(WEBHOOK_TICK, WEBHOOK_TICK_MS)
  tick(): Promise<void> {
    return this.run();
  }

  protected async work(): Promise<void> {
    await this.deliveries.deliverDue();
  }
}
