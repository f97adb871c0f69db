import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { TokenCrypto } from '../platforms/token-crypto';
import {
  type SetWebhookDto,
  toDeliveryResponse,
  toWebhookResponse,
  type WebhookDeliveryResponse,
  type WebhookResponse,
} from './webhook.dto';
import { WebhookRepository } from './webhook.repository';
import { webhookSecretContext, WebhookDeliveryService } from './webhook-delivery.service';
import { newWebhookSecret, webhookUrlProblem } from './webhook-rules';

const WEBHOOK = { id: 'Webhook', en: 'Webhook' };
const AUDIT_TYPE = 'webhook_endpoint';
const RECENT_DELIVERIES = 50;

/** The institution's webhook settings; the secret is shown once, when created or rotated. */
@Injectable()
export class WebhookService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryService,
    private readonly crypto: TokenCrypto,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(scope: RequestScope): Promise<WebhookResponse> {
    const endpoint = await this.webhooks.endpoint(scope.requireInstitution());
    if (!endpoint) throw AppError.notFound(WEBHOOK);
    return toWebhookResponse(endpoint);
  }

  /** Creates the webhook (with a new secret) or changes its URL (keeping the secret). */
  async set(scope: RequestScope, dto: SetWebhookDto): Promise<WebhookResponse> {
    const institutionId = scope.requireInstitution();
    const problem = webhookUrlProblem(dto.url, this.config.nodeEnv === 'production');
    if (problem) throw AppError.validation('url', problem);
    const at = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.webhooks.lockEndpoint(manager, institutionId);
      if (current) {
        const saved = await this.webhooks.updateUrl(manager, institutionId, dto.url, at);
        await this.record(scope, manager, 'update', { url: current.url }, { url: saved.url });
        return toWebhookResponse(saved);
      }
      const secret = newWebhookSecret();
      const saved = await this.webhooks.upsertEndpoint(manager, {
        institutionId,
        url: dto.url,
        secretCiphertext: this.crypto.encrypt(secret, webhookSecretContext(institutionId)),
        by: scope.user.id,
        at,
      });
      await this.record(scope, manager, 'create', undefined, { url: saved.url });
      return toWebhookResponse(saved, secret);
    });
  }

  async rotateSecret(scope: RequestScope): Promise<WebhookResponse> {
    const institutionId = scope.requireInstitution();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.webhooks.lockEndpoint(manager, institutionId);
      if (!current) throw AppError.notFound(WEBHOOK);
      const secret = newWebhookSecret();
      const saved = await this.webhooks.upsertEndpoint(manager, {
        institutionId,
        url: current.url,
        secretCiphertext: this.crypto.encrypt(secret, webhookSecretContext(institutionId)),
        by: scope.user.id,
        at: this.clock.now(),
      });
      await this.record(scope, manager, 'update', undefined, { event: 'secret_rotated' });
      return toWebhookResponse(saved, secret);
    });
  }

  async remove(scope: RequestScope): Promise<void> {
    const institutionId = scope.requireInstitution();
    await this.dataSource.transaction(async (manager) => {
      const current = await this.webhooks.lockEndpoint(manager, institutionId);
      if (!current) throw AppError.notFound(WEBHOOK);
      await this.webhooks.deleteEndpoint(manager, institutionId);
      await this.record(scope, manager, 'delete', { url: current.url }, undefined);
    });
  }

  async recentDeliveries(scope: RequestScope): Promise<{ items: WebhookDeliveryResponse[] }> {
    const rows = await this.webhooks.recent(scope.requireInstitution(), RECENT_DELIVERIES);
    return { items: rows.map(toDeliveryResponse) };
  }

  /** Queues a 'test' event and sends it at once; the answer shows how the receiver replied. */
  async sendTest(scope: RequestScope): Promise<WebhookDeliveryResponse> {
    const institutionId = scope.requireInstitution();
    const id = randomUUID();
    const at = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const queued = await this.webhooks.enqueue(manager, {
        id,
        institutionId,
        notificationId: null,
        event: 'test',
        at,
        payload: {
          id,
          event: 'test',
          occurredAt: at.toISOString(),
          institutionId,
          title: { id: 'Uji webhook Karya', en: 'Karya webhook test' },
          body: {
            id: 'Jika pesan ini sampai, webhook sudah tersambung.',
            en: 'If this arrives, the webhook is connected.',
          },
          link: null,
          data: {},
        },
      });
      if (!queued) throw AppError.notFound(WEBHOOK);
      await this.record(scope, manager, 'update', undefined, {
        event: 'test_sent',
        deliveryId: id,
      });
    });
    await this.deliveries.deliverNow(id);
    const row = await this.webhooks.findDelivery(id);
    if (!row) throw AppError.notFound(WEBHOOK);
    return toDeliveryResponse(row);
  }

  private async record(
    scope: RequestScope,
    manager: EntityManager,
    action: 'create' | 'update' | 'delete',
    before: unknown,
    after: unknown,
  ): Promise<void> {
    const institutionId = scope.requireInstitution();
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId,
        action,
        entityType: AUDIT_TYPE,
        entityId: institutionId,
        before,
        after,
      },
      manager,
    );
  }
}
