import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports: imported sales per product and day, and the monthly rollups the dashboards read.
 *
 * The rollups are kept by triggers on their sources (latest metrics per target, link clicks per
 * day, sales, post targets), as the difference between a source row's old and new contribution,
 * so they are current as snapshots arrive whoever writes the source. `reports_rollups_rebuild`
 * recomputes a range of months from the sources in one statement per table (backfill, repair,
 * bulk loads with triggers disabled). Every count is a sum of known values: unknown reach or
 * interactions add nothing; a post is "rated" when both are known and reach > 0, and engagement
 * rates use rated posts only.
 */
export class ReportsSchema1795924000000 implements MigrationInterface {
  name = 'ReportsSchema1795924000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sales_imports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        source text NOT NULL,
        month date NOT NULL,
        file_name text NOT NULL,
        row_count integer NOT NULL,
        quantity bigint NOT NULL,
        revenue_idr bigint NOT NULL,
        replaced_import_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_sales_imports PRIMARY KEY (id),
        CONSTRAINT fk_sales_imports_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_sales_imports_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_sales_imports_source CHECK (source IN ('tokopedia', 'shopee', 'gallery', 'exhibition', 'other')),
        CONSTRAINT ck_sales_imports_month CHECK (month = date_trunc('month', month)::date)
      )`);
    await q.query(
      `CREATE INDEX ix_sales_imports_institution ON sales_imports (institution_id, month DESC, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE product_sales (
        institution_id uuid NOT NULL,
        product_id uuid NOT NULL,
        day date NOT NULL,
        source text NOT NULL,
        quantity bigint NOT NULL,
        revenue_idr bigint NOT NULL,
        import_id uuid NOT NULL,
        CONSTRAINT pk_product_sales PRIMARY KEY (institution_id, source, day, product_id),
        CONSTRAINT fk_product_sales_product FOREIGN KEY (product_id, institution_id) REFERENCES products (id, institution_id),
        CONSTRAINT fk_product_sales_import FOREIGN KEY (import_id) REFERENCES sales_imports (id) ON DELETE CASCADE,
        CONSTRAINT ck_product_sales_counts CHECK (quantity >= 0 AND revenue_idr >= 0)
      )`);
    await q.query(`CREATE INDEX ix_product_sales_product ON product_sales (product_id, day)`);

    // Per institution, month (of the institution-local publishing day, click day or sale day),
    // product and workshop: what the interest ranking reads.
    await q.query(`
      CREATE TABLE interest_monthly (
        institution_id uuid NOT NULL,
        month date NOT NULL,
        product_id uuid,
        workshop_id uuid,
        ${POST_SUMS},
        rate_sum double precision NOT NULL DEFAULT 0,
        rate_square_sum double precision NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        sales_quantity bigint NOT NULL DEFAULT 0,
        sales_revenue_idr bigint NOT NULL DEFAULT 0,
        CONSTRAINT fk_interest_monthly_institution FOREIGN KEY (institution_id) REFERENCES institutions (id)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_interest_monthly ON interest_monthly (institution_id, month, product_id, workshop_id)
      NULLS NOT DISTINCT`);
    // National views read a whole month: covering indexes make those index-only scans, since
    // rows of one month are scattered over the heap among every other month's.
    await q.query(`
      CREATE INDEX ix_interest_monthly_month ON interest_monthly (month)
      INCLUDE (product_id, workshop_id, ${POST_COLUMNS}, rate_sum, rate_square_sum, clicks,
        sales_quantity, sales_revenue_idr)`);

    // Per institution, local publishing day and network: daily series and network comparison.
    await q.query(`
      CREATE TABLE network_daily (
        institution_id uuid NOT NULL,
        day date NOT NULL,
        network text NOT NULL,
        ${POST_SUMS},
        CONSTRAINT pk_network_daily PRIMARY KEY (institution_id, day, network),
        CONSTRAINT fk_network_daily_institution FOREIGN KEY (institution_id) REFERENCES institutions (id)
      )`);
    await q.query(
      `CREATE INDEX ix_network_daily_day ON network_daily (day) INCLUDE (network, ${POST_COLUMNS})`,
    );

    // Per institution, month, local weekday (ISO 1 = Monday) and local hour of publishing.
    await q.query(`
      CREATE TABLE posting_hours_monthly (
        institution_id uuid NOT NULL,
        month date NOT NULL,
        weekday smallint NOT NULL,
        hour smallint NOT NULL,
        ${POST_SUMS},
        CONSTRAINT pk_posting_hours_monthly PRIMARY KEY (institution_id, month, weekday, hour),
        CONSTRAINT fk_posting_hours_monthly_institution FOREIGN KEY (institution_id) REFERENCES institutions (id)
      )`);
    await q.query(`
      CREATE INDEX ix_posting_hours_monthly_month ON posting_hours_monthly (month)
      INCLUDE (weekday, hour, ${POST_COLUMNS})`);

    // Targets that ended published or failed, per month of their planned (else published) local
    // time; reason = the last error code of a failure, '' for published targets.
    await q.query(`
      CREATE TABLE publishing_monthly (
        institution_id uuid NOT NULL,
        month date NOT NULL,
        network text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        targets bigint NOT NULL DEFAULT 0,
        on_time bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_publishing_monthly PRIMARY KEY (institution_id, month, network, status, reason),
        CONSTRAINT fk_publishing_monthly_institution FOREIGN KEY (institution_id) REFERENCES institutions (id)
      )`);
    await q.query(`CREATE INDEX ix_publishing_monthly_month ON publishing_monthly (month)`);

    for (const statement of TRIGGER_FUNCTIONS) await q.query(statement);
    await q.query(`
      CREATE TRIGGER tr_post_target_metrics_reports
      AFTER INSERT OR DELETE ON post_target_metrics
      FOR EACH ROW EXECUTE FUNCTION reports_post_metrics_changed()`);
    // Most updates only move the collector's schedule; those leave the rollups alone.
    await q.query(`
      CREATE TRIGGER tr_post_target_metrics_reports_update
      AFTER UPDATE ON post_target_metrics
      FOR EACH ROW WHEN (
        OLD.reach IS DISTINCT FROM NEW.reach OR OLD.views IS DISTINCT FROM NEW.views
        OR OLD.interactions IS DISTINCT FROM NEW.interactions
        OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.workshop_id IS DISTINCT FROM NEW.workshop_id
        OR OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.published_day IS DISTINCT FROM NEW.published_day
        OR OLD.network IS DISTINCT FROM NEW.network)
      EXECUTE FUNCTION reports_post_metrics_changed()`);
    await q.query(`
      CREATE TRIGGER tr_link_clicks_daily_reports
      AFTER INSERT OR UPDATE OR DELETE ON link_clicks_daily
      FOR EACH ROW EXECUTE FUNCTION reports_link_clicks_changed()`);
    await q.query(`
      CREATE TRIGGER tr_product_sales_reports
      AFTER INSERT OR UPDATE OR DELETE ON product_sales
      FOR EACH ROW EXECUTE FUNCTION reports_product_sales_changed()`);
    await q.query(`
      CREATE TRIGGER tr_post_targets_reports
      AFTER INSERT OR DELETE ON post_targets
      FOR EACH ROW EXECUTE FUNCTION reports_post_targets_changed()`);
    await q.query(`
      CREATE TRIGGER tr_post_targets_reports_update
      AFTER UPDATE ON post_targets
      FOR EACH ROW WHEN (
        OLD.status IS DISTINCT FROM NEW.status OR OLD.planned_at IS DISTINCT FROM NEW.planned_at
        OR OLD.published_at IS DISTINCT FROM NEW.published_at
        OR OLD.last_error_code IS DISTINCT FROM NEW.last_error_code)
      EXECUTE FUNCTION reports_post_targets_changed()`);
    await q.query(REBUILD_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION reports_rollups_rebuild(date, date)`);
    await q.query(`DROP TRIGGER tr_post_targets_reports_update ON post_targets`);
    await q.query(`DROP TRIGGER tr_post_targets_reports ON post_targets`);
    await q.query(`DROP TRIGGER tr_product_sales_reports ON product_sales`);
    await q.query(`DROP TRIGGER tr_link_clicks_daily_reports ON link_clicks_daily`);
    await q.query(`DROP TRIGGER tr_post_target_metrics_reports_update ON post_target_metrics`);
    await q.query(`DROP TRIGGER tr_post_target_metrics_reports ON post_target_metrics`);
    await q.query(`DROP FUNCTION reports_post_targets_changed()`);
    await q.query(`DROP FUNCTION reports_product_sales_changed()`);
    await q.query(`DROP FUNCTION reports_link_clicks_changed()`);
    await q.query(`DROP FUNCTION reports_post_metrics_changed()`);
    await q.query(`DROP FUNCTION reports_post_targets_apply(post_targets, integer)`);
    await q.query(`DROP FUNCTION reports_product_sales_apply(product_sales, integer)`);
    await q.query(`DROP FUNCTION reports_link_clicks_apply(link_clicks_daily, integer)`);
    await q.query(`DROP FUNCTION reports_post_metrics_apply(post_target_metrics, integer)`);
    await q.query(`DROP TABLE publishing_monthly`);
    await q.query(`DROP TABLE posting_hours_monthly`);
    await q.query(`DROP TABLE network_daily`);
    await q.query(`DROP TABLE interest_monthly`);
    await q.query(`DROP TABLE product_sales`);
    await q.query(`DROP TABLE sales_imports`);
  }
}

/** Published within this many minutes of the planned time counts as on time. */
const ON_TIME_MINUTES = 10;

export const POST_SUMS = `
        posts bigint NOT NULL DEFAULT 0,
        reach bigint NOT NULL DEFAULT 0,
        views bigint NOT NULL DEFAULT 0,
        interactions bigint NOT NULL DEFAULT 0,
        rated_posts bigint NOT NULL DEFAULT 0,
        rated_reach bigint NOT NULL DEFAULT 0,
        rated_interactions bigint NOT NULL DEFAULT 0`;

/** Upsert-adds one post's contribution (sign -1 removes it) to a rollup keyed by `keys`. */
export function addPost(table: string, keys: string, values: string, extra = ''): string {
  const sums = ['posts', 'reach', 'views', 'interactions', 'rated_posts', 'rated_reach'];
  const all = [...sums, 'rated_interactions', ...(extra ? ['rate_sum', 'rate_square_sum'] : [])];
  return `
    INSERT INTO ${table} AS r (${keys}, ${all.join(', ')})
    VALUES (${values}, sign, sign * coalesce(t.reach, 0), sign * coalesce(t.views, 0),
      sign * coalesce(t.interactions, 0), CASE WHEN rated THEN sign ELSE 0 END,
      CASE WHEN rated THEN sign * t.reach ELSE 0 END,
      CASE WHEN rated THEN sign * t.interactions ELSE 0 END${extra})
    ON CONFLICT (${keys}) DO UPDATE SET
      ${all.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(', ')};`;
}

/**
 * Adds (sign 1) or takes out (sign -1) one target's latest figures in the rollups of posts;
 * `more` adds further upserts over the same variables (rated, pub_month, local_time).
 */
export function postMetricsApply(verb: 'CREATE' | 'CREATE OR REPLACE', more = ''): string {
  return `${verb} FUNCTION reports_post_metrics_apply(t post_target_metrics, sign integer) RETURNS void
  LANGUAGE plpgsql AS $fn$
  DECLARE
    rated boolean := coalesce(t.reach > 0 AND t.interactions IS NOT NULL, false);
    rate double precision := CASE WHEN coalesce(t.reach > 0, false) THEN t.interactions::double precision / t.reach END;
    pub_month date := date_trunc('month', t.published_day)::date;
    local_time timestamp;
  BEGIN
    SELECT t.published_at AT TIME ZONE i.time_zone INTO local_time FROM institutions i WHERE i.id = t.institution_id;
    ${addPost(
      'interest_monthly',
      'institution_id, month, product_id, workshop_id',
      't.institution_id, pub_month, t.product_id, t.workshop_id',
      `, CASE WHEN rated THEN sign * rate ELSE 0 END, CASE WHEN rated THEN sign * rate * rate ELSE 0 END`,
    )}
    ${addPost('network_daily', 'institution_id, day, network', 't.institution_id, t.published_day, t.network')}
    ${addPost(
      'posting_hours_monthly',
      'institution_id, month, weekday, hour',
      `t.institution_id, pub_month, extract(isodow FROM local_time)::smallint, extract(hour FROM local_time)::smallint`,
    )}${more}
  END
  $fn$`;
}

const TRIGGER_FUNCTIONS = [
  postMetricsApply('CREATE'),
  `CREATE FUNCTION reports_link_clicks_apply(c link_clicks_daily, sign integer) RETURNS void
  LANGUAGE sql AS $fn$
    INSERT INTO interest_monthly AS r (institution_id, month, product_id, workshop_id, clicks)
    SELECT l.institution_id, date_trunc('month', c.day)::date, l.product_id, p.workshop_id,
      sign * c.clicks
    FROM tracked_links l JOIN products p ON p.id = l.product_id
    WHERE l.id = c.link_id
    ON CONFLICT (institution_id, month, product_id, workshop_id) DO UPDATE SET
      clicks = r.clicks + EXCLUDED.clicks
  $fn$`,
  `CREATE FUNCTION reports_product_sales_apply(s product_sales, sign integer) RETURNS void
  LANGUAGE sql AS $fn$
    INSERT INTO interest_monthly AS r (institution_id, month, product_id, workshop_id,
      sales_quantity, sales_revenue_idr)
    SELECT p.institution_id, date_trunc('month', s.day)::date, p.id, p.workshop_id,
      sign * s.quantity, sign * s.revenue_idr
    FROM products p WHERE p.id = s.product_id
    ON CONFLICT (institution_id, month, product_id, workshop_id) DO UPDATE SET
      sales_quantity = r.sales_quantity + EXCLUDED.sales_quantity,
      sales_revenue_idr = r.sales_revenue_idr + EXCLUDED.sales_revenue_idr
  $fn$`,
  `CREATE FUNCTION reports_post_targets_apply(t post_targets, sign integer) RETURNS void
  LANGUAGE sql AS $fn$
    INSERT INTO publishing_monthly AS r (institution_id, month, network, status, reason, targets, on_time)
    SELECT i.id,
      date_trunc('month', coalesce(t.planned_at, t.published_at, t.updated_at) AT TIME ZONE i.time_zone)::date,
      t.network, t.status,
      CASE WHEN t.status = 'failed' THEN coalesce(t.last_error_code, 'unknown') ELSE '' END,
      sign,
      CASE WHEN t.status = 'published' AND (t.planned_at IS NULL
        OR t.published_at <= t.planned_at + interval '${ON_TIME_MINUTES} minutes') THEN sign ELSE 0 END
    FROM institutions i WHERE i.id = t.institution_id AND t.status IN ('published', 'failed')
    ON CONFLICT (institution_id, month, network, status, reason) DO UPDATE SET
      targets = r.targets + EXCLUDED.targets, on_time = r.on_time + EXCLUDED.on_time
  $fn$`,
  ...['post_metrics', 'link_clicks', 'product_sales', 'post_targets'].map(changedTrigger),
];

/** The trigger function: takes the old row's contribution out and puts the new one in. */
function changedTrigger(source: string): string {
  return `CREATE FUNCTION reports_${source}_changed() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM reports_${source}_apply(OLD, -1); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM reports_${source}_apply(NEW, 1); END IF;
    RETURN NULL;
  END
  $fn$`;
}

const RATED = `(m.reach > 0 AND m.interactions IS NOT NULL)`;
const RATE = `CASE WHEN ${RATED} THEN m.interactions::double precision / m.reach END`;
const POST_SELECT = `count(*), coalesce(sum(m.reach), 0), coalesce(sum(m.views), 0),
      coalesce(sum(m.interactions), 0), count(*) FILTER (WHERE ${RATED}),
      coalesce(sum(m.reach) FILTER (WHERE ${RATED}), 0),
      coalesce(sum(m.interactions) FILTER (WHERE ${RATED}), 0)`;
export const POST_COLUMNS = `posts, reach, views, interactions, rated_posts, rated_reach, rated_interactions`;

const REBUILD_FUNCTION = `
  CREATE FUNCTION reports_rollups_rebuild(first_month date, last_month date) RETURNS void
  LANGUAGE plpgsql AS $fn$
  DECLARE
    since date := date_trunc('month', first_month)::date;
    until date := (date_trunc('month', last_month) + interval '1 month')::date;
  BEGIN
    DELETE FROM interest_monthly WHERE month >= since AND month < until;
    DELETE FROM network_daily WHERE day >= since AND day < until;
    DELETE FROM posting_hours_monthly WHERE month >= since AND month < until;
    DELETE FROM publishing_monthly WHERE month >= since AND month < until;

    INSERT INTO interest_monthly (institution_id, month, product_id, workshop_id, ${POST_COLUMNS},
      rate_sum, rate_square_sum, clicks, sales_quantity, sales_revenue_idr)
    SELECT institution_id, month, product_id, workshop_id, sum(posts), sum(reach), sum(views),
      sum(interactions), sum(rated_posts), sum(rated_reach), sum(rated_interactions),
      sum(rate_sum), sum(rate_square_sum), sum(clicks), sum(sales_quantity), sum(sales_revenue_idr)
    FROM (
      SELECT m.institution_id, date_trunc('month', m.published_day)::date AS month, m.product_id,
        m.workshop_id, ${POST_SELECT}, coalesce(sum(${RATE}) FILTER (WHERE ${RATED}), 0),
        coalesce(sum((${RATE}) ^ 2) FILTER (WHERE ${RATED}), 0), 0, 0, 0
      FROM post_target_metrics m
      WHERE m.published_day >= since AND m.published_day < until
      GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT l.institution_id, date_trunc('month', c.day)::date, l.product_id, p.workshop_id,
        0, 0, 0, 0, 0, 0, 0, 0, 0, sum(c.clicks), 0, 0
      FROM link_clicks_daily c JOIN tracked_links l ON l.id = c.link_id JOIN products p ON p.id = l.product_id
      WHERE c.day >= since AND c.day < until
      GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT s.institution_id, date_trunc('month', s.day)::date, s.product_id, p.workshop_id,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(s.quantity), sum(s.revenue_idr)
      FROM product_sales s JOIN products p ON p.id = s.product_id
      WHERE s.day >= since AND s.day < until
      GROUP BY 1, 2, 3, 4
    ) AS parts (institution_id, month, product_id, workshop_id, ${POST_COLUMNS}, rate_sum,
      rate_square_sum, clicks, sales_quantity, sales_revenue_idr)
    GROUP BY 1, 2, 3, 4;

    INSERT INTO network_daily (institution_id, day, network, ${POST_COLUMNS})
    SELECT m.institution_id, m.published_day, m.network, ${POST_SELECT}
    FROM post_target_metrics m
    WHERE m.published_day >= since AND m.published_day < until
    GROUP BY 1, 2, 3;

    INSERT INTO posting_hours_monthly (institution_id, month, weekday, hour, ${POST_COLUMNS})
    SELECT m.institution_id, date_trunc('month', m.published_day)::date,
      extract(isodow FROM m.published_at AT TIME ZONE i.time_zone),
      extract(hour FROM m.published_at AT TIME ZONE i.time_zone), ${POST_SELECT}
    FROM post_target_metrics m JOIN institutions i ON i.id = m.institution_id
    WHERE m.published_day >= since AND m.published_day < until
    GROUP BY 1, 2, 3, 4;

    INSERT INTO publishing_monthly (institution_id, month, network, status, reason, targets, on_time)
    SELECT institution_id, month, network, status, reason, count(*), count(*) FILTER (WHERE on_time)
    FROM (
      SELECT t.institution_id, t.network, t.status,
        date_trunc('month', coalesce(t.planned_at, t.published_at, t.updated_at) AT TIME ZONE i.time_zone)::date AS month,
        CASE WHEN t.status = 'failed' THEN coalesce(t.last_error_code, 'unknown') ELSE '' END AS reason,
        t.status = 'published' AND (t.planned_at IS NULL
          OR t.published_at <= t.planned_at + interval '${ON_TIME_MINUTES} minutes') AS on_time
      FROM post_targets t JOIN institutions i ON i.id = t.institution_id
      WHERE t.status IN ('published', 'failed')
        AND coalesce(t.planned_at, t.published_at, t.updated_at) >= since - interval '1 day'
        AND coalesce(t.planned_at, t.published_at, t.updated_at) < until + interval '1 day'
    ) AS targets
    WHERE month >= since AND month < until
    GROUP BY 1, 2, 3, 4, 5;
  END
  $fn$`;
