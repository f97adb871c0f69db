import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookEndpointRow {
  institutionId: string;
  url: string;
  secretCiphertext: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: string;
  institutionId: string;
  notificationId: string | null;
  event: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface NewDelivery {
  id: string;
  institutionId: string;
  notificationId: string | null;
  event: string;
  payload: Record<string, unknown>;
  at: Date;
}

const ENDPOINT = `institution_id AS "institutionId", url, secret_ciphertext AS "secretCiphertext",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const DELIVERY = `id, institution_id AS "institutionId", notification_id AS "notificationId", event,
  payload, status, attempts, next_attempt_at AS "nextAttemptAt", last_status_code AS "lastStatusCode",
  last_error AS "lastError", delivered_at AS "deliveredAt", created_at AS "createdAt"`;

/** The webhook endpoint per institution and the delivery outbox. */
@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async endpoint(
    institutionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WebhookEndpointRow | null> {
    const rows: WebhookEndpointRow[] = await manager.query(
      `SELECT ${ENDPOINT} FROM webhook_endpoints WHERE institution_id = $1`,
      [institutionId],
    );
    return rows[0] ?? null;
  }

  async lockEndpoint(
    manager: EntityManager,
    institutionId: string,
  ): Promise<WebhookEndpointRow | null> {
    const rows: WebhookEndpointRow[] = await manager.query(
      `SELECT ${ENDPOINT} FROM webhook_endpoints WHERE institution_id = $1 FOR UPDATE`,
      [institutionId],
    );
    return rows[0] ?? null;
  }

  async upsertEndpoint(
    manager: EntityManager,
    values: { institutionId: string; url: string; secretCiphertext: string; by: string; at: Date },
  ): Promise<WebhookEndpointRow> {
    const rows: WebhookEndpointRow[] = await manager.query(
      `INSERT INTO webhook_endpoints (institution_id, url, secret_ciphertext, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (institution_id) DO UPDATE
         SET url = EXCLUDED.url, secret_ciphertext = EXCLUDED.secret_ciphertext, updated_at = EXCLUDED.updated_at
       RETURNING ${ENDPOINT}`,
      [values.institutionId, values.url, values.secretCiphertext, values.by, values.at],
    );
    return rows[0];
  }

  async updateUrl(
    manager: EntityManager,
    institutionId: string,
    url: string,
    at: Date,
  ): Promise<WebhookEndpointRow> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
    const [rows]: [WebhookEndpointRow[], number] = await manager.query(
      `UPDATE webhook_endpoints SET url = $2, updated_at = $3 WHERE institution_id = $1 RETURNING ${ENDPOINT}`,
      [institutionId, url, at],
    );
    return rows[0];
  }

  /** Only while the stored value is still `current`: a rotation meanwhile wins. */
  async replaceSecret(institutionId: string, current: string, next: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_endpoints SET secret_ciphertext = $3
       WHERE institution_id = $1 AND secret_ciphertext = $2`,
      [institutionId, current, next],
    );
  }

  async deleteEndpoint(manager: EntityManager, institutionId: string): Promise<void> {
    await manager.query(`DELETE FROM webhook_endpoints WHERE institution_id = $1`, [institutionId]);
    // Nothing is left to sign them with.
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook removed'
       WHERE institution_id = $1 AND status = 'pending'`,
      [institutionId],
    );
  }

  /** Queues a delivery only when the institution has a webhook; returns whether it did. */
  async enqueue(manager: EntityManager, d: NewDelivery): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO webhook_deliveries (id, institution_id, notification_id, event, payload, next_attempt_at, created_at)
       SELECT $1, $2, $3, $4, $5::jsonb, $6::timestamptz, $6::timestamptz
       WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE institution_id = $2::uuid)
       RETURNING id`,
      [d.id, d.institutionId, d.notificationId, d.event, JSON.stringify(d.payload), d.at],
    );
    return rows.length > 0;
  }

  /**
   * Claims due deliveries for one attempt: pushing next_attempt_at past the lease keeps other
   * workers off them while this one calls out, and brings them back if this worker dies.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DeliveryRow[]> {
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [DeliveryRow[], number] = await manager.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2
         WHERE id IN (
           SELECT id FROM webhook_deliveries
           WHERE status = 'pending' AND next_attempt_at <= $1
           ORDER BY next_attempt_at, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING ${DELIVERY}`,
        [now, leaseUntil, limit],
      );
      return rows;
    });
  }

  /** Claims one delivery now, whatever its schedule (the test event). */
  async claimOne(id: string, leaseUntil: Date): Promise<DeliveryRow | null> {
    const [rows]: [DeliveryRow[], number] = await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2
       WHERE id = $1 AND status = 'pending' RETURNING ${DELIVERY}`,
      [id, leaseUntil],
    );
    return rows[0] ?? null;
  }

  async finish(
    id: string,
    result: {
      status: DeliveryStatus;
      statusCode: number | null;
      error: string | null;
      at: Date;
      nextAttemptAt: Date | null;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
       SET status = $2, last_status_code = $3, last_error = $4,
           delivered_at = CASE WHEN $2 = 'delivered' THEN $5::timestamptz END,
           next_attempt_at = COALESCE($6, next_attempt_at)
       WHERE id = $1`,
      [id, result.status, result.statusCode, result.error, result.at, result.nextAttemptAt],
    );
  }

  async recent(institutionId: string, limit: number): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT ${DELIVERY} FROM webhook_deliveries WHERE institution_id = $1
       ORDER BY created_at DESC, id LIMIT $2`,
      [institutionId, limit],
    );
  }

  async findDelivery(id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY} FROM webhook_deliveries WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
