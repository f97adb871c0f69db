import { MigrationInterface, QueryRunner } from 'typeorm';

/** Months with a ready partition at install; the collector creates later ones ahead of time. */
const FIRST_PARTITION_MONTH = '2025-01-01';
const PARTITION_MONTHS = 48;

/**
 * Metrics: raw snapshots per published target (range-partitioned by month of `taken_at`, so two
 * years of history stay cheap to index and old months can be detached whole), the latest figures
 * per target, daily rollups maintained from it (dashboards read these, never the snapshots), and
 * one follower count per account and day.
 *
 * Counts are bigint and NULL when the platform did not give them: unknown is never 0.
 */
export class MetricsSchema1795922000000 implements MigrationInterface {
  name = 'MetricsSchema1795922000000';

  async up(q: QueryRunner): Promise<void> {
    // A partitioned table's primary key must contain the partition key; identity columns on
    // partitioned tables need PostgreSQL 17, so a sequence default.
    await q.query(`
      CREATE TABLE metric_snapshots (
        id bigserial NOT NULL,
        institution_id uuid NOT NULL,
        post_target_id uuid NOT NULL,
        taken_at timestamptz NOT NULL,
        schedule_label text NOT NULL,
        metrics jsonb NOT NULL,
        raw jsonb,
        CONSTRAINT pk_metric_snapshots PRIMARY KEY (id, taken_at),
        CONSTRAINT fk_metric_snapshots_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_metric_snapshots_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE CASCADE,
        CONSTRAINT ck_metric_snapshots_label CHECK (schedule_label IN ('1h', '6h', '24h', '3d', '7d', '30d'))
      ) PARTITION BY RANGE (taken_at)`);
    await q.query(
      `CREATE INDEX ix_metric_snapshots_target ON metric_snapshots (post_target_id, taken_at)`,
    );
    await q.query(
      `CREATE INDEX ix_metric_snapshots_institution ON metric_snapshots (institution_id, taken_at)`,
    );
    await q.query(`CREATE TABLE metric_snapshots_default PARTITION OF metric_snapshots DEFAULT`);
    // Creates the month's partition unless it exists; the collector calls it for coming months.
    await q.query(`
      CREATE FUNCTION metric_snapshot_partition_create(month date) RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        first_day date := date_trunc('month', month)::date;
        name text := 'metric_snapshots_' || to_char(first_day, 'YYYY_MM');
      BEGIN
        -- Rows already kept by the default partition for that month stay there.
        IF to_regclass(name) IS NULL AND NOT EXISTS (
          SELECT 1 FROM metric_snapshots_default
          WHERE taken_at >= first_day::timestamp AT TIME ZONE 'UTC'
            AND taken_at < (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC'
        ) THEN
          EXECUTE format(
            'CREATE TABLE %I PARTITION OF metric_snapshots FOR VALUES FROM (%L) TO (%L)',
            name, first_day::timestamp AT TIME ZONE 'UTC',
            (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        END IF;
      END
      $fn$`);
    await q.query(
      `SELECT metric_snapshot_partition_create(m::date)
       FROM generate_series($1::date, $1::date + ($2 - 1) * interval '1 month', interval '1 month') m`,
      [FIRST_PARTITION_MONTH, PARTITION_MONTHS],
    );

    await q.query(`
      CREATE TABLE post_target_metrics (
        post_target_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        post_id uuid NOT NULL,
        social_account_id uuid NOT NULL,
        network text NOT NULL,
        product_id uuid,
        workshop_id uuid,
        published_at timestamptz NOT NULL,
        published_day date NOT NULL,
        reach bigint,
        views bigint,
        likes bigint,
        comments bigint,
        shares bigint,
        saves bigint,
        interactions bigint,
        metrics jsonb NOT NULL DEFAULT '{}',
        snapshot_count integer NOT NULL DEFAULT 0,
        last_snapshot_at timestamptz,
        last_schedule_label text,
        next_schedule_label text,
        next_snapshot_at timestamptz,
        failed_attempts integer NOT NULL DEFAULT 0,
        last_error_code text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_target_metrics PRIMARY KEY (post_target_id),
        CONSTRAINT fk_post_target_metrics_target FOREIGN KEY (post_target_id) REFERENCES post_targets (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_target_metrics_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT ck_post_target_metrics_network CHECK (network IN ('instagram', 'facebook', 'x'))
      )`);
    await q.query(
      `CREATE INDEX ix_post_target_metrics_day ON post_target_metrics (institution_id, published_day)`,
    );
    await q.query(
      `CREATE INDEX ix_post_target_metrics_product ON post_target_metrics (product_id)`,
    );
    await q.query(
      `CREATE INDEX ix_post_target_metrics_workshop ON post_target_metrics (workshop_id)`,
    );
    await q.query(`CREATE INDEX ix_post_target_metrics_post ON post_target_metrics (post_id)`);
    // The collector's queue: targets with a snapshot still to take.
    await q.query(`
      CREATE INDEX ix_post_target_metrics_due ON post_target_metrics (next_snapshot_at)
      WHERE next_snapshot_at IS NOT NULL`);
    // Newly published targets are found by a short range scan of this index.
    await q.query(`
      CREATE INDEX ix_post_targets_published ON post_targets (published_at)
      WHERE status = 'published'`);

    // Sums of the known values; `<metric>_known_posts` says how many targets each sum covers.
    await q.query(`
      CREATE TABLE metric_daily (
        institution_id uuid NOT NULL,
        published_day date NOT NULL,
        network text NOT NULL,
        product_id uuid,
        workshop_id uuid,
        posts bigint NOT NULL DEFAULT 0,
        reach bigint NOT NULL DEFAULT 0,
        views bigint NOT NULL DEFAULT 0,
        likes bigint NOT NULL DEFAULT 0,
        comments bigint NOT NULL DEFAULT 0,
        shares bigint NOT NULL DEFAULT 0,
        saves bigint NOT NULL DEFAULT 0,
        interactions bigint NOT NULL DEFAULT 0,
        reach_known_posts bigint NOT NULL DEFAULT 0,
        views_known_posts bigint NOT NULL DEFAULT 0,
        likes_known_posts bigint NOT NULL DEFAULT 0,
        comments_known_posts bigint NOT NULL DEFAULT 0,
        shares_known_posts bigint NOT NULL DEFAULT 0,
        saves_known_posts bigint NOT NULL DEFAULT 0,
        interactions_known_posts bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_metric_daily_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT ck_metric_daily_network CHECK (network IN ('instagram', 'facebook', 'x'))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_metric_daily_dimensions
      ON metric_daily (institution_id, published_day, network, product_id, workshop_id) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX ix_metric_daily_day ON metric_daily (published_day)`);

    // followers NULL with retry_at set: today's count is still to be fetched (or is being fetched).
    await q.query(`
      CREATE TABLE account_follower_counts (
        social_account_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        day date NOT NULL,
        followers bigint,
        taken_at timestamptz NOT NULL,
        retry_at timestamptz,
        last_error_code text,
        CONSTRAINT uq_account_follower_counts UNIQUE (social_account_id, day),
        CONSTRAINT fk_account_follower_counts_account FOREIGN KEY (social_account_id, institution_id)
          REFERENCES social_accounts (id, institution_id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ix_account_follower_counts_institution ON account_follower_counts (institution_id, day)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_follower_counts`);
    await q.query(`DROP TABLE metric_daily`);
    await q.query(`DROP INDEX ix_post_targets_published`);
    await q.query(`DROP TABLE post_target_metrics`);
    await q.query(`DROP TABLE metric_snapshots`);
    await q.query(`DROP FUNCTION metric_snapshot_partition_create(date)`);
  }
}
