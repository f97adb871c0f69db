import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (failed, needs re-authentication, published late, takedown), who has read
 * them, and the signed webhook per institution with its delivery outbox. Deliveries are written in
 * the same transaction as the notification and sent afterwards by the worker, so a rollback never
 * leaves a webhook call behind and a crash never loses one.
 */
export class Notifications1795921000000 implements MigrationInterface {
  name = 'Notifications1795921000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        kind text NOT NULL,
        post_id uuid,
        post_target_id uuid,
        social_account_id uuid,
        title_id text NOT NULL,
        title_en text NOT NULL,
        body_id text NOT NULL,
        body_en text NOT NULL,
        link text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notifications PRIMARY KEY (id),
        CONSTRAINT fk_notifications_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_notifications_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE SET NULL,
        CONSTRAINT fk_notifications_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE SET NULL,
        CONSTRAINT fk_notifications_account FOREIGN KEY (social_account_id) REFERENCES social_accounts (id) ON DELETE SET NULL,
        CONSTRAINT ck_notifications_kind CHECK (kind IN ('publish_failed', 'needs_reauth', 'published_late', 'takedown'))
      )`);
    await q.query(
      `CREATE INDEX ix_notifications_institution_time ON notifications (institution_id, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL,
        user_id uuid NOT NULL,
        read_at timestamptz NOT NULL,
        CONSTRAINT pk_notification_reads PRIMARY KEY (notification_id, user_id),
        CONSTRAINT fk_notification_reads_notification FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE,
        CONSTRAINT fk_notification_reads_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_notification_reads_user ON notification_reads (user_id)`);

    await q.query(`
      CREATE TABLE webhook_endpoints (
        institution_id uuid NOT NULL,
        url text NOT NULL,
        secret_ciphertext text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_webhook_endpoints PRIMARY KEY (institution_id),
        CONSTRAINT fk_webhook_endpoints_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_webhook_endpoints_created_by FOREIGN KEY (created_by) REFERENCES users (id)
      )`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        notification_id uuid,
        event text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_webhook_deliveries_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_webhook_deliveries_notification FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE SET NULL,
        CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed'))
      )`);
    await q.query(`
      CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
      WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX ix_webhook_deliveries_institution_time ON webhook_deliveries (institution_id, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DROP TABLE notifications`);
  }
}
