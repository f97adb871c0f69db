// Week view under load: `npm run bench:calendar` (a benchmark, not a test).
// Seeds one institution with a year of history (≥ 5,000 posts, two targets each) in a scratch
// database on PostgreSQL (BENCH_DATABASE_URL, default the local server) or, when that is not
// reachable, on an embedded PGlite served over the wire protocol; boots the built app against
// it and runs autocannon on the week view and on /api/health side by side.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const MAIN = join(process.cwd(), 'dist/src/main.js');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT ?? 3311);
const POSTS = 5_500;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const WEEK = '2026-W20';

async function scratchPostgres() {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `karya_bench_calendar_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

async function scratchPglite() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dir = mkdtempSync(join(tmpdir(), 'karya-bench-calendar-'));
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    label: 'PGlite (PostgreSQL not reachable)',
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    drop: async () => {
      await server.stop();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitHealthy(deadline) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the app did not become healthy in time');
}

/** A year of history ending around WEEK, all in SQL so seeding takes seconds. */
async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  await client.query('BEGIN');
  const [{ id: institutionId }] = (
    await client.query(
      `INSERT INTO institutions (name, slug, kind, region, time_zone)
       VALUES ('Lapas Bench', 'lapas-bench', 'lapas', 'DKI Jakarta', 'Asia/Jakarta') RETURNING id`,
    )
  ).rows;
  const [{ id: userId }] = (
    await client.query(
      `INSERT INTO users (institution_id, email, display_name, role, password_hash)
       VALUES ($1, 'bench@karya.id', 'Bench', 'staff', 'not-a-login') RETURNING id`,
      [institutionId],
    )
  ).rows;
  await client.query(
    `INSERT INTO auth_sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
    [userId, hash],
  );
  const [{ id: workshopId }] = (
    await client.query(
      `INSERT INTO workshops (institution_id, name) VALUES ($1, 'Konveksi') RETURNING id`,
      [institutionId],
    )
  ).rows;
  await client.query(
    `INSERT INTO products (institution_id, workshop_id, name, sku, price_rupiah)
     SELECT $1, $2, 'Produk ' || i, 'BENCH-' || i, 50000 + i * 1000 FROM generate_series(1, 60) i`,
    [institutionId, workshopId],
  );
  await client.query(
    `INSERT INTO social_accounts (institution_id, network, kind, display_name)
     SELECT $1, n, 'sandbox', 'Akun ' || n FROM unnest(ARRAY['instagram','facebook','x']) n`,
    [institutionId],
  );
  // Posts every ~95 minutes from a year before the benchmarked week to a few weeks after it.
  await client.query(
    `INSERT INTO posts (institution_id, product_id, title, status, planned_at, drafted_by, last_edited_by)
     SELECT $1, (SELECT id FROM products WHERE institution_id = $1 AND sku = 'BENCH-' || (1 + i % 60)),
       'Postingan ' || i,
       CASE WHEN i % 10 = 0 THEN 'draft' WHEN i % 10 = 1 THEN 'approved' ELSE 'published' END,
       timestamptz '2025-05-20 00:00+07' + i * interval '95 minutes', $2, $2
     FROM generate_series(1, $3) i`,
    [institutionId, userId, POSTS],
  );
  await client.query(
    `INSERT INTO post_variants (post_id, institution_id, network, caption)
     SELECT p.id, p.institution_id, a.network, 'Karya warga binaan: ' || p.title
     FROM posts p JOIN social_accounts a ON a.institution_id = p.institution_id
     WHERE p.institution_id = $1 AND (a.network <> 'x' OR p.title LIKE '%0')`,
    [institutionId],
  );
  await client.query(
    `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status, planned_at, published_at)
     SELECT p.id, p.institution_id, a.id, a.network,
       CASE WHEN p.status = 'published' THEN 'published' ELSE 'pending' END,
       p.planned_at, CASE WHEN p.status = 'published' THEN p.planned_at END
     FROM posts p JOIN social_accounts a ON a.institution_id = p.institution_id
     WHERE p.institution_id = $1 AND (a.network <> 'x' OR p.title LIKE '%0')`,
    [institutionId],
  );
  await client.query('COMMIT');
  await client.query('ANALYZE');
  const counts = (
    await client.query(
      `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM post_targets)::int AS targets`,
    )
  ).rows[0];
  await client.end();
  return { token, counts };
}

/** autocannon reports p90 and p97.5 only, so p95 comes from every response time seen. */
async function run(url, token) {
  const times = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { authorization: `Bearer ${token}` },
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { result, p95: times[Math.floor(times.length * 0.95)] ?? NaN };
}

function summary(label, { result, p95 }) {
  return {
    endpoint: label,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p95 ms': Math.round(p95 * 10) / 10,
    'p99 ms': result.latency.p99,
    non2xx: result.non2xx,
  };
}

async function main() {
  const database = (await scratchPostgres()) ?? (await scratchPglite());
  console.log(`Database: ${database.label}`);
  const app = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'karya-bench-data-')),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitHealthy(Date.now() + 120_000);
    const { token, counts } = await seed(database.url);
    console.log(`Seeded ${counts.posts} posts with ${counts.targets} targets; week ${WEEK}`);
    const weekUrl = `http://127.0.0.1:${PORT}/api/calendar/week?week=${WEEK}`;
    const probe = await fetch(weekUrl, { headers: { authorization: `Bearer ${token}` } });
    const body = await probe.json();
    if (!probe.ok) throw new Error(`week view answered ${probe.status}: ${JSON.stringify(body)}`);
    console.log(`Week view: ${JSON.stringify(body).length} bytes per response`);
    await run(`http://127.0.0.1:${PORT}/api/health`, token); // warm-up
    const health = await run(`http://127.0.0.1:${PORT}/api/health`, token);
    const week = await run(weekUrl, token);
    const rows = [summary('GET /api/health', health), summary('GET /api/calendar/week', week)];
    console.table(rows);
    const ratio = week.result.requests.average / health.result.requests.average;
    console.log(
      `Week view throughput = ${(ratio * 100).toFixed(1)} % of the trivial endpoint (target ≥ 50 %)`,
    );
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
