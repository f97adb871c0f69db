import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformsModule } from '../platforms/platforms.module';
import { Notification, NotificationRead } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { WebhookController } from './webhook.controller';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookTick } from './webhook.tick';

/**
 * In-app notifications and the signed webhook per institution. Global: publishing, accounts and
 * consent report events through `NotificationsService.notify` without import cycles.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationRead]), PlatformsModule],
  controllers: [NotificationsController, WebhookController],
  providers: [
    NotificationsRepository,
    WebhookRepository,
    NotificationsService,
    WebhookService,
    WebhookDeliveryService,
    WebhookTick,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
