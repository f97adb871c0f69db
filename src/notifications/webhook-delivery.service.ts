import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TokenCrypto, TokenDecryptionError } from '../platforms/token-crypto';
import { type DeliveryRow, WebhookRepository } from './webhook.repository';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  nextDeliveryAttempt,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from './webhook-rules';

const BATCH = 20;
const REQUEST_TIMEOUT_MS = 10_000;
/** Longer than a request may take: a claimed delivery is not claimed again meanwhile. */
const LEASE_MS = 60_000;

export function webhookSecretContext(institutionId: string): string {
  return `webhook:${institutionId}`;
}

/**
 * Sends queued webhook deliveries, outside any transaction: claim (short transaction), call the
 * receiver, record the outcome. A receiver that fails or times out is retried with backoff;
 * delivery is at least once, so receivers de-duplicate by the delivery id.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly crypto: TokenCrypto,
    private readonly clock: Clock,
  ) {}

  /** One worker pass; returns how many deliveries were attempted. */
  async deliverDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.webhooks.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
    await Promise.all(due.map((row) => this.attempt(row)));
    return due.length;
  }

  /** Sends one delivery at once (the test event), whatever its schedule. */
  async deliverNow(id: string): Promise<void> {
    const now = this.clock.now();
    const row = await this.webhooks.claimOne(id, new Date(now.getTime() + LEASE_MS));
    if (row) await this.attempt(row);
  }

  private async attempt(row: DeliveryRow): Promise<void> {
    const endpoint = await this.webhooks.endpoint(row.institutionId);
    if (!endpoint) {
      await this.finish(row, null, 'webhook removed', true);
      return;
    }
    let secret: string;
    try {
      secret = this.crypto.decrypt(
        endpoint.secretCiphertext,
        webhookSecretContext(row.institutionId),
      ) as string;
    } catch (error) {
      // The key that sealed it is gone: no retry can sign this; rotating the secret fixes it.
      if (!(error instanceof TokenDecryptionError)) throw error;
      await this.finish(row, null, 'webhook secret cannot be decrypted; rotate it', true);
      return;
    }
    if (this.crypto.needsReencryption(endpoint.secretCiphertext)) {
      // Under the current key before the old one is dropped (TOKEN_ENCRYPTION_KEY rotation).
      const context = webhookSecretContext(row.institutionId);
      await this.webhooks.replaceSecret(
        row.institutionId,
        endpoint.secretCiphertext,
        this.crypto.encrypt(secret, context),
      );
    }
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Karya-Webhook/1',
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [DELIVERY_HEADER]: row.id,
          [EVENT_HEADER]: row.event,
        },
        body,
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      await this.finish(row, response.status, ok ? null : `HTTP ${response.status}`, false, ok);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.finish(row, null, reason.slice(0, 500), false);
    }
  }

  private async finish(
    row: DeliveryRow,
    statusCode: number | null,
    error: string | null,
    giveUp: boolean,
    delivered = false,
  ): Promise<void> {
    const at = this.clock.now();
    const next = delivered || giveUp ? null : nextDeliveryAttempt(row.attempts, at, Math.random());
    const status = delivered ? 'delivered' : next ? 'pending' : 'failed';
    if (status === 'failed') this.logger.warn(`webhook delivery ${row.id} failed: ${error}`);
    await this.webhooks.finish(row.id, { status, statusCode, error, at, nextAttemptAt: next });
  }
}
