// Dashboards over a national year: `npm run bench:dashboard` (a benchmark, not a test).
// Generates, in SQL with generate_series, 500 institutions (BENCH_INSTITUTIONS scales it down)
// and a year of about 4,700 published post targets a day with six metric snapshots each (over
// 10 million snapshots) in a scratch database on PostgreSQL (BENCH_DATABASE_URL, default the
// local server; database BENCH_DATABASE, default karya_bench_dashboard): triggers off, plain
// indexes built after the load, the snapshots on a second connection beside the rest. It fills
// the rollups with the app's own reports_rollups_rebuild, then times the monthly dashboard of
// one institution and the national roll-up (DashboardService.build, the code behind the API),
// the institution's also as the API serves it once built (its dashboard version read, the
// serialised dashboard from the cache), the national one also with its stored ranking dropped
// before each run, side by side with the naive aggregate over raw snapshots. BENCH_KEEP=1 keeps
// the database and reuses it on the next run (after applying newer migrations).
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SystemClock } from '../../src/common/clock';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/migrate';
import { DashboardRepository } from '../../src/reports/dashboard.repository';
import { DashboardService, type DashboardTarget } from '../../src/reports/dashboard.service';
import { monthOf, previousMonth, type ReportMonth } from '../../src/reports/report-month';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env.BENCH_DATABASE ?? 'karya_bench_dashboard';
const KEEP = process.env.BENCH_KEEP === '1';
/** BENCH_INSTITUTIONS scales the year down (e.g. 50) for quick runs; posts per day follow. */
const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 500);
const PRODUCTS = 30;
const WORKSHOPS = 8;
const POSTS_PER_DAY = Math.round((4_700 * INSTITUTIONS) / 500);
const DAYS = 365;
/** Midnight WIB of the first day; the year ends with the measured month. */
const FIRST_DAY = '2025-11-01';
const MONTH = monthOf(2026, 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 8);

function databaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function timed(label: string, client: Client, sql: string): Promise<number> {
  const started = performance.now();
  await client.query(sql);
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${label.padEnd(44)} ${seconds.toFixed(1)} s`);
  return seconds;
}

const ROLLUPS = [
  'interest_monthly',
  'network_daily',
  'posting_hours_monthly',
  'publishing_monthly',
  'network_daily_national',
  'posting_hours_national',
];

/** Tables the generator fills in bulk: their plain indexes are built once, after the load. */
const LOADED_TABLES = [
  'posts',
  'post_targets',
  'metric_snapshots',
  'post_target_metrics',
  'tracked_links',
  'link_clicks_daily',
];

/**
 * Drops the loaded tables' indexes that back no constraint (keys stay: foreign keys need them)
 * and returns their definitions, to build each once over the loaded rows instead of row by row.
 */
async function dropPlainIndexes(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [LOADED_TABLES],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  // A partitioned table's index is defined ON ONLY the parent; built again, it must cover
  // the partitions too.
  return rows.map((r) => r.definition.replace(' ON ONLY ', ' ON '));
}

/**
 * The national year. Bulk loads run with triggers off (session_replication_role = replica):
 * the rollups are then built once from the sources by the app's reports_rollups_rebuild, which
 * is what the triggers would have summed row by row.
 */
async function generate(client: Client): Promise<number> {
  const started = performance.now();
  const second = new Client({ connectionString: databaseUrl() });
  await second.connect();
  for (const c of [client, second])
    await c.query(`SET session_replication_role = replica; SET synchronous_commit = off;
      SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'`);
  const indexes = await dropPlainIndexes(client);
  await timed(
    'institutions, users, workshops, products',
    client,
    `
    CREATE TABLE bench_inst AS
      SELECT g AS inst_n, gen_random_uuid() AS id, gen_random_uuid() AS user_id,
        (ARRAY['Asia/Jakarta','Asia/Jakarta','Asia/Jakarta','Asia/Jakarta','Asia/Jakarta',
               'Asia/Jakarta','Asia/Jakarta','Asia/Makassar','Asia/Makassar','Asia/Jayapura'])[g % 10 + 1] AS zone
      FROM generate_series(1, ${INSTITUTIONS}) g;
    INSERT INTO institutions (id, name, slug, kind, region, time_zone)
      SELECT id, 'Lapas Bench ' || inst_n, 'bench-' || inst_n, 'lapas', 'Bench', zone FROM bench_inst;
    INSERT INTO users (id, institution_id, email, display_name, role, password_hash)
      SELECT user_id, id, 'staff' || inst_n || '@bench.karya.id', 'Staf ' || inst_n, 'staff', 'x' FROM bench_inst;
    CREATE TABLE bench_workshop AS
      SELECT i.inst_n AS inst_n, w AS k, gen_random_uuid() AS id, i.id AS institution_id
      FROM bench_inst i, generate_series(0, ${WORKSHOPS - 1}) w;
    INSERT INTO workshops (id, institution_id, name)
      SELECT id, institution_id, 'Bengkel ' || k FROM bench_workshop;
    CREATE TABLE bench_product AS
      SELECT i.inst_n AS inst_n, p AS k, gen_random_uuid() AS id, i.id AS institution_id,
        w.id AS workshop_id, 'BENCH-' || i.inst_n || '-' || p AS sku,
        0.02 + (p % 7) * 0.006 + (i.inst_n % 5) * 0.002 AS true_rate
      FROM bench_inst i CROSS JOIN generate_series(0, ${PRODUCTS - 1}) p
      JOIN bench_workshop w ON w.inst_n = i.inst_n AND w.k = p % ${WORKSHOPS};
    CREATE UNIQUE INDEX ON bench_product (inst_n, k);
    INSERT INTO products (id, institution_id, workshop_id, name, price_rupiah, sku)
      SELECT id, institution_id, workshop_id, 'Produk ' || k, 50000 + k * 5000, sku FROM bench_product;
    CREATE TABLE bench_account AS
      SELECT i.inst_n AS inst_n, net AS network, gen_random_uuid() AS id, i.id AS institution_id
      FROM bench_inst i, unnest(ARRAY['instagram','facebook','x']) net;
    CREATE UNIQUE INDEX ON bench_account (inst_n, network);
    INSERT INTO social_accounts (id, institution_id, network, kind, display_name)
      SELECT id, institution_id, network, 'sandbox', 'Akun ' || network || ' ' || inst_n FROM bench_account`,
  );
  // Post n: day n / POSTS_PER_DAY, institution n % 500; local posting times 07:00–21:00.
  await timed(
    'plan of the year (posts and targets)',
    client,
    `
    CREATE TABLE bench_plan AS
      SELECT n, gen_random_uuid() AS post_id, gen_random_uuid() AS target_id,
        i.id AS institution_id, i.user_id, i.zone, p.id AS product_id, p.workshop_id, p.true_rate,
        a.id AS account_id, a.network,
        planned, planned + ((n * 13) % 20) * interval '1 minute' AS published,
        (n * 31) % 50 = 0 AS failed
      FROM generate_series(0::bigint, ${POSTS_PER_DAY * DAYS - 1}) n
      CROSS JOIN LATERAL (SELECT
        (n % ${INSTITUTIONS}) + 1 AS inst_n,
        ((n / ${INSTITUTIONS}) + (n / ${POSTS_PER_DAY}) * 7) % ${PRODUCTS} AS k,
        CASE WHEN (n * 7919) % 10 < 5 THEN 'instagram' WHEN (n * 7919) % 10 < 8 THEN 'facebook' ELSE 'x' END AS net,
        ('${FIRST_DAY}'::timestamp AT TIME ZONE 'Asia/Jakarta') + (n / ${POSTS_PER_DAY}) * interval '1 day'
          + interval '7 hours' + ((n * 37) % 840) * interval '1 minute' AS planned) x
      JOIN bench_inst i ON i.inst_n = x.inst_n
      JOIN bench_product p ON p.inst_n = x.inst_n AND p.k = x.k
      JOIN bench_account a ON a.inst_n = x.inst_n AND a.network = x.net`,
  );
  // Final figures per target; each snapshot holds a growing share of them. X gives no reach.
  await timed(
    'final figures per target',
    client,
    `
    CREATE TABLE bench_final AS
      SELECT n, target_id, post_id, institution_id, account_id, network, product_id, workshop_id,
        published, (published AT TIME ZONE zone)::date AS published_day,
        CASE WHEN network = 'x' THEN NULL ELSE 200 + (n * 7919) % 1800 END AS reach,
        400 + (n * 104729) % 3000 AS views,
        round((200 + (n * 7919) % 1800) * true_rate * (0.3 + ((n * 15485863) % 1000) / 700.0))::bigint AS interactions
      FROM bench_plan WHERE NOT failed`,
  );
  // The snapshots, the bulk of the year, load on a second connection beside everything else.
  const snapshots = timed(
    'metric snapshots (6 per published target)',
    second,
    `
    INSERT INTO metric_snapshots (institution_id, post_target_id, taken_at, schedule_label, metrics)
      SELECT f.institution_id, f.target_id, f.published + s.after, s.label,
        jsonb_build_object('reach', round(f.reach * s.share), 'views', round(f.views * s.share),
          'likes', round(f.interactions * s.share * 0.8), 'comments', round(f.interactions * s.share * 0.1),
          'interactions', round(f.interactions * s.share))
      FROM bench_final f CROSS JOIN (VALUES ('1h', interval '1 hour', 0.35), ('6h', interval '6 hours', 0.7),
        ('24h', interval '1 day', 0.9), ('3d', interval '3 days', 0.97), ('7d', interval '7 days', 0.99),
        ('30d', interval '30 days', 1.0)) AS s (label, after, share)`,
  );
  await timed(
    'posts',
    client,
    `
    INSERT INTO posts (id, institution_id, product_id, title, status, planned_at, drafted_by, last_edited_by)
      SELECT post_id, institution_id, product_id, 'Bench ' || n,
        CASE WHEN failed THEN 'failed' ELSE 'published' END, planned, user_id, user_id
      FROM bench_plan`,
  );
  await timed(
    'post targets',
    client,
    `
    INSERT INTO post_targets (id, post_id, institution_id, social_account_id, network, status,
        planned_at, published_at, attempt_count, last_error_code)
      SELECT target_id, post_id, institution_id, account_id, network,
        CASE WHEN failed THEN 'failed' ELSE 'published' END, planned,
        CASE WHEN failed THEN NULL ELSE published END, 1,
        CASE WHEN failed THEN (ARRAY['IG_9004','FB_190','X_403','IG_36003'])[n % 4 + 1] END
      FROM bench_plan`,
  );
  await timed(
    'latest metrics per target',
    client,
    `
    INSERT INTO post_target_metrics (post_target_id, institution_id, post_id, social_account_id, network,
        product_id, workshop_id, published_at, published_day, reach, views, likes, comments, interactions,
        snapshot_count, last_snapshot_at, last_schedule_label)
      SELECT target_id, institution_id, post_id, account_id, network, product_id, workshop_id, published,
        published_day, reach, views, round(interactions * 0.8), round(interactions * 0.1), interactions,
        6, published + interval '30 days', '30d'
      FROM bench_final`,
  );
  await timed(
    'tracked links and clicks (every 4th target)',
    client,
    `
    INSERT INTO tracked_links (id, institution_id, code, kind, product_id, post_target_id, destination_url)
      SELECT gen_random_uuid(), institution_id, 'b' || lpad(to_hex(n), 9, '0'), 'post', product_id,
        target_id, 'https://www.tokopedia.com/bench'
      FROM bench_final WHERE n % 4 = 0;
    INSERT INTO link_clicks_daily (link_id, institution_id, day, clicks, unique_visitors)
      SELECT l.id, l.institution_id, f.published_day + 1, 1 + f.n % 40, 1 + (f.n % 40) / 2
      FROM tracked_links l JOIN bench_final f ON f.target_id = l.post_target_id`,
  );
  await timed(
    'sales (one gallery import per institution and month)',
    client,
    `
    INSERT INTO sales_imports (id, institution_id, source, month, file_name, row_count, quantity, revenue_idr, created_by)
      SELECT gen_random_uuid(), i.id, 'gallery', m::date, 'bench.csv', ${PRODUCTS}, 0, 0, i.user_id
      FROM bench_inst i, generate_series('${FIRST_DAY}'::date, '${MONTH.first}'::date, interval '1 month') m;
    INSERT INTO product_sales (institution_id, product_id, day, source, quantity, revenue_idr, import_id)
      SELECT p.institution_id, p.id, s.month + 14, 'gallery', 1 + (p.k * 7 + p.inst_n) % 20,
        (1 + (p.k * 7 + p.inst_n) % 20) * (50000 + p.k * 5000), s.id
      FROM sales_imports s JOIN bench_product p ON p.institution_id = s.institution_id`,
  );
  await snapshots;
  await second.end();
  await client.query(`SET session_replication_role = DEFAULT`);
  await timed(`indexes (${indexes.length}, built after the load)`, client, indexes.join(';\n'));
  await timed(
    'rollups: reports_rollups_rebuild (the app\u2019s own)',
    client,
    `SELECT reports_rollups_rebuild('${FIRST_DAY}', '${MONTH.first}')`,
  );
  await timed('analyze', client, `ANALYZE`);
  await client.query(`DROP TABLE bench_plan, bench_final`);
  await client.query(`CREATE TABLE bench_done ()`);
  return (performance.now() - started) / 1000;
}

/** The same figures computed the naive way: latest snapshot per target, from raw snapshots. */
async function naiveDashboard(ds: DataSource, institutionId: string | null, month: ReportMonth) {
  const previous = previousMonth(month);
  // Snapshots of targets published in the two months are taken up to 30 days after.
  const params = [institutionId, previous.first, month.last];
  const latest = `
    WITH latest AS (
      SELECT DISTINCT ON (s.post_target_id) s.post_target_id, s.metrics
      FROM metric_snapshots s
      WHERE ($1::uuid IS NULL OR s.institution_id = $1)
        AND s.taken_at >= $2::date - interval '1 day' AND s.taken_at < $3::date + interval '32 days'
      ORDER BY s.post_target_id, s.taken_at DESC
    ), figures AS (
      SELECT t.institution_id, t.network, p.product_id, pr.workshop_id,
        t.published_at AT TIME ZONE i.time_zone AS local_at,
        (l.metrics->>'reach')::bigint AS reach, (l.metrics->>'interactions')::bigint AS interactions
      FROM latest l JOIN post_targets t ON t.id = l.post_target_id JOIN posts p ON p.id = t.post_id
      JOIN products pr ON pr.id = p.product_id JOIN institutions i ON i.id = t.institution_id
    )`;
  const rated = `reach > 0 AND interactions IS NOT NULL`;
  return Promise.all([
    ds.query(
      `${latest} SELECT date_trunc('month', local_at) AS month, product_id, workshop_id, count(*),
         sum(reach), sum(interactions), sum(interactions::float8 / reach) FILTER (WHERE ${rated}),
         sum((interactions::float8 / reach) ^ 2) FILTER (WHERE ${rated})
       FROM figures WHERE local_at >= $2::date AND local_at < $3::date + 1 GROUP BY 1, 2, 3`,
      params,
    ),
    ds.query(
      `${latest} SELECT local_at::date, network, count(*), sum(reach), sum(interactions)
       FROM figures WHERE local_at >= $2::date AND local_at < $3::date + 1 GROUP BY 1, 2`,
      params,
    ),
    ds.query(
      `${latest} SELECT extract(isodow FROM local_at), extract(hour FROM local_at), count(*),
         sum(reach) FILTER (WHERE ${rated}), sum(interactions) FILTER (WHERE ${rated})
       FROM figures WHERE local_at >= $4::date AND local_at < $3::date + 1 GROUP BY 1, 2`,
      [...params, month.first],
    ),
    ds.query(
      `SELECT t.network, t.status, t.last_error_code, count(*),
         count(*) FILTER (WHERE t.published_at <= t.planned_at + interval '10 minutes')
       FROM post_targets t
       WHERE ($1::uuid IS NULL OR t.institution_id = $1) AND t.status IN ('published', 'failed')
         AND t.planned_at >= $2::date - interval '1 day' AND t.planned_at < $3::date + interval '1 day'
       GROUP BY 1, 2, 3`,
      params,
    ),
  ]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Times `work`; `prepare`, run before each timing outside it, sets up the case measured. */
async function measure(
  runs: number,
  work: (i: number) => Promise<unknown>,
  prepare: () => Promise<unknown> = async () => undefined,
) {
  await work(0);
  await work(1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare();
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main(): Promise<void> {
  const exists = await admin(async (c) => {
    const found = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE]);
    if (found.rowCount && !KEEP) await c.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`);
    if (!found.rowCount || !KEEP) await c.query(`CREATE DATABASE ${DATABASE}`);
    return !!found.rowCount && KEEP;
  });
  const url = databaseUrl();
  const client = new Client({ connectionString: url });
  await client.connect();
  let generation: number | null = null;
  const loaded = exists
    ? (await client.query(`SELECT to_regclass('bench_done') IS NOT NULL AS loaded`)).rows[0].loaded
    : false;
  // A kept database gets the migrations added since it was generated (they backfill rollups).
  await runMigrations({ url, embedded: false });
  if (!loaded) {
    console.log(`Generating the national year in ${DATABASE}:`);
    generation = await generate(client);
  }
  // The measured month is past: autovacuum would have marked its rollup pages all-visible,
  // which the national reads' index-only scans need.
  await client.query(`VACUUM (ANALYZE) ${ROLLUPS.join(', ')}`);
  const counts = (
    await client.query(`SELECT
      (SELECT count(*) FROM institutions)::int AS institutions,
      (SELECT count(*) FROM post_targets)::int AS targets,
      (SELECT count(*) FROM metric_snapshots)::int AS snapshots,
      pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows[0];

  // Incremental upkeep: a snapshot arriving for a target moves its rollup rows by trigger.
  const upkeep = await client.query(`
    EXPLAIN (ANALYZE, FORMAT JSON)
    UPDATE post_target_metrics SET reach = reach + 1, interactions = interactions + 1
    WHERE post_target_id IN (SELECT post_target_id FROM post_target_metrics WHERE reach IS NOT NULL LIMIT 1000)`);
  const upkeepMs = upkeep.rows[0]['QUERY PLAN'][0]['Execution Time'] as number;

  const ds = new DataSource(buildDataSourceOptions({ url, embedded: false }));
  await ds.initialize();
  const service = new DashboardService(new DashboardRepository(ds), new SystemClock());
  const institutions: { id: string; name: string; timeZone: string }[] = await ds.query(
    `SELECT id, name, time_zone AS "timeZone" FROM institutions ORDER BY slug LIMIT 50`,
  );
  const targetOf = (i: number): DashboardTarget => {
    const { id, name, timeZone } = institutions[i % institutions.length];
    return { kind: 'institution', institutionId: id, name, timeZone };
  };
  const national: DashboardTarget = { kind: 'national' };
  const served = (i: number) =>
    service.forInstitution(institutions[i % institutions.length].id, MONTH.label);
  for (let i = 0; i < institutions.length; i++) await served(i);
  const rows = [
    ['institution, rollups', await measure(RUNS, (i) => service.build(targetOf(i), MONTH))],
    ['institution, cached (API)', await measure(RUNS, served)],
    [
      'institution, naive',
      await measure(NAIVE_RUNS, (i) => naiveDashboard(ds, institutions[i % 50].id, MONTH)),
    ],
    ['national, rollups', await measure(RUNS, () => service.build(national, MONTH))],
    [
      'national, rollups, ranking recomputed',
      await measure(
        RUNS,
        () => service.build(national, MONTH),
        () => ds.query(`DELETE FROM national_interest`),
      ),
    ],
    ['national, naive', await measure(NAIVE_RUNS, () => naiveDashboard(ds, null, MONTH))],
  ] as const;
  const sample = await service.build(national, MONTH);
  await ds.destroy();
  await client.end();

  console.log(
    `\nDashboard for ${MONTH.label} on PostgreSQL: ${counts.institutions} institutions, ` +
      `${counts.targets.toLocaleString('en')} post targets, ` +
      `${counts.snapshots.toLocaleString('en')} metric snapshots, database ${counts.size}` +
      (generation === null ? ' (reused)' : `; generated in ${generation.toFixed(0)} s`),
  );
  console.log(
    `national month: ${sample.totals.posts.toLocaleString('en')} posts, ` +
      `${sample.products.count} products ranked`,
  );
  console.log(`trigger upkeep: ${(upkeepMs / 1000).toFixed(3)} ms per changed target row`);
  console.log('\n| view | p50 ms | p95 ms |\n|---|---:|---:|');
  for (const [label, t] of rows)
    console.log(`| ${label} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} |`);
  const speedup = (fast: { p95: number }, slow: { p95: number }) =>
    (slow.p95 / fast.p95).toFixed(0);
  console.log(
    `\nspeed-up at p95: institution ${speedup(rows[0][1], rows[2][1])}× ` +
      `(${speedup(rows[1][1], rows[2][1])}× cached), ` +
      `national ${speedup(rows[3][1], rows[5][1])}× ` +
      `(${speedup(rows[4][1], rows[5][1])}× with the ranking recomputed) ` +
      `(target: p95 ≤ 150 ms, ≥ 20×)`,
  );
  if (!KEEP) await admin((c) => c.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
