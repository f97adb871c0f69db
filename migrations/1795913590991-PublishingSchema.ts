import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publishing: the log of every attempt to publish a post target (written before the platform is
 * called, so a crash leaves a trace to reconcile from), and the sandbox feed that sandbox accounts
 * publish into. One sandbox post per target at most: a repeated publish cannot duplicate it.
 */
export class PublishingSchema1795913590991 implements MigrationInterface {
  name = 'PublishingSchema1795913590991';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publish_attempts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        institution_id uuid NOT NULL,
        post_target_id uuid NOT NULL,
        attempt_no integer NOT NULL,
        kind text NOT NULL DEFAULT 'publish',
        worker text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        outcome text,
        lateness_ms integer,
        duration_ms integer,
        platform_response jsonb,
        error_code text,
        error_message text,
        CONSTRAINT pk_publish_attempts PRIMARY KEY (id),
        CONSTRAINT fk_publish_attempts_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_publish_attempts_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE CASCADE,
        CONSTRAINT ck_publish_attempts_kind CHECK (kind IN ('publish', 'reconcile')),
        CONSTRAINT ck_publish_attempts_outcome CHECK (outcome IS NULL OR outcome IN ('published', 'retry_later',
          'reauthenticate', 'rejected', 'unknown_outcome', 'reconciled_found', 'reconciled_not_found')),
        CONSTRAINT ck_publish_attempts_attempt_no CHECK (attempt_no > 0)
      )`);
    await q.query(
      `CREATE INDEX ix_publish_attempts_target ON publish_attempts (post_target_id, seq)`,
    );

    await q.query(`
      CREATE TABLE sandbox_posts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        social_account_id uuid NOT NULL,
        post_target_id uuid NOT NULL,
        network text NOT NULL,
        marker text NOT NULL,
        platform_post_id text NOT NULL,
        permalink text,
        caption text NOT NULL,
        image_urls text[] NOT NULL DEFAULT '{}',
        published_at timestamptz NOT NULL,
        metrics jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT pk_sandbox_posts PRIMARY KEY (id),
        CONSTRAINT fk_sandbox_posts_account FOREIGN KEY (social_account_id, institution_id)
          REFERENCES social_accounts (id, institution_id),
        CONSTRAINT fk_sandbox_posts_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE CASCADE,
        CONSTRAINT uq_sandbox_posts_target UNIQUE (post_target_id),
        CONSTRAINT uq_sandbox_posts_platform_id UNIQUE (platform_post_id),
        CONSTRAINT ck_sandbox_posts_network CHECK (network IN ('instagram', 'facebook', 'x'))
      )`);
    await q.query(
      `CREATE INDEX ix_sandbox_posts_feed ON sandbox_posts (institution_id, published_at DESC)`,
    );
    // Expired leases are found by this scan (targets stuck in 'publishing').
    await q.query(`
      CREATE INDEX ix_post_targets_lease ON post_targets (lease_expires_at)
      WHERE status = 'publishing'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_post_targets_lease`);
    await q.query(`DROP TABLE sandbox_posts`);
    await q.query(`DROP TABLE publish_attempts`);
  }
}
