import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { type Page, pageOf } from '../common/pagination';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { type NotificationEvent, postLink } from './notification-event';
import {
  type NotificationListQuery,
  type NotificationResponse,
  toNotificationResponse,
} from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';
import { WebhookRepository } from './webhook.repository';

const NOTIFICATION = { id: 'Notifikasi', en: 'Notification' };

/**
 * In-app notifications. `notify` runs inside the caller's transaction (embedded PGlite has one
 * connection): the notification and its webhook delivery commit or roll back with the change
 * they report; the worker sends the webhook afterwards.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly webhooks: WebhookRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async notify(manager: EntityManager, event: NotificationEvent): Promise<string> {
    const at = this.clock.now();
    const link = event.postId ? postLink(event.postId) : null;
    const id = await this.notifications.insert(manager, {
      institutionId: event.institutionId,
      kind: event.kind,
      postId: event.postId ?? null,
      postTargetId: event.postTargetId ?? null,
      socialAccountId: event.socialAccountId ?? null,
      titleId: event.title.id,
      titleEn: event.title.en,
      bodyId: event.body.id,
      bodyEn: event.body.en,
      link,
      createdAt: at,
    });
    const deliveryId = randomUUID();
    await this.webhooks.enqueue(manager, {
      id: deliveryId,
      institutionId: event.institutionId,
      notificationId: id,
      event: event.kind,
      at,
      payload: {
        id: deliveryId,
        event: event.kind,
        occurredAt: at.toISOString(),
        institutionId: event.institutionId,
        notificationId: id,
        postId: event.postId ?? null,
        postTargetId: event.postTargetId ?? null,
        socialAccountId: event.socialAccountId ?? null,
        title: event.title,
        body: event.body,
        link: link ? `${this.config.publicBaseUrl}${link}` : null,
        data: event.data ?? {},
      },
    });
    return id;
  }

  async list(
    scope: RequestScope,
    query: NotificationListQuery,
  ): Promise<Page<NotificationResponse>> {
    const [rows, total] = await this.notifications.list(
      scope.institutionFilter,
      scope.user.id,
      query.unread === true,
      query,
    );
    return pageOf(rows.map(toNotificationResponse), total, query);
  }

  async unreadCount(scope: RequestScope): Promise<{ unread: number }> {
    return {
      unread: await this.notifications.unreadCount(scope.institutionFilter, scope.user.id),
    };
  }

  /** Read state is the caller's own; marking twice is harmless. */
  async markRead(scope: RequestScope, id: string): Promise<NotificationResponse> {
    const filter = scope.institutionFilter;
    if (!(await this.notifications.findVisible(id, filter, scope.user.id))) {
      throw AppError.notFound(NOTIFICATION);
    }
    await this.notifications.markRead(filter, scope.user.id, this.clock.now(), id);
    const row = await this.notifications.findVisible(id, filter, scope.user.id);
    if (!row) throw AppError.notFound(NOTIFICATION);
    return toNotificationResponse(row);
  }

  async markAllRead(scope: RequestScope): Promise<{ marked: number }> {
    return {
      marked: await this.notifications.markRead(
        scope.institutionFilter,
        scope.user.id,
        this.clock.now(),
        null,
      ),
    };
  }
}
