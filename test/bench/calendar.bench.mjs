// Week view under load: `npm run bench:calendar` (a benchmark, not a test).
// Seeds one institution with a year of history (≥ 5,000 posts, two targets each) in a scratch
// database on PostgreSQL (BENCH_DATABASE_URL, default the local server) or, when that is not
// reachable or BENCH_PGLITE=true, in the app's own embedded PGlite; boots the built app
// (BENCH_APP_MAIN, default dist/src/main.js) on it and runs autocannon on the week view and,
// side by side, on trivial endpoints of the same app: /api/auth/me and /api/calendar/settings
// behind the same session guard as the week view, and the public /api/health.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const MAIN = process.env.BENCH_APP_MAIN ?? join(process.cwd(), 'dist/src/main.js');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT ?? 3311);
const POSTS = 5_500;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const WEEK = '2026-W20';
/** What a browser sends: its session and the encodings it takes. */
const REQUEST_HEADERS = (token) => ({
  authorization: `Bearer ${token}`,
  'accept-encoding': 'gzip',
});
/** Weeks read once each, uncached, to show what a view costs when it has to be built. */
const COLD_WEEKS = ['2026-W10', '2026-W11', '2026-W12', '2026-W13', '2026-W14', '2026-W15'];

async function scratchPostgres() {
  if (process.env.BENCH_PGLITE === 'true') return null;
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
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/**
 * Seeds the app's own embedded PGlite (under DATA_DIR, created by a first start) while the app
 * is stopped, over a one-connection socket: the app then runs on it as users run it.
 */
async function seedEmbedded(dataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(join(dataDir, 'pglite'));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  try {
    return await seed(`postgresql://postgres@127.0.0.1:${port}/postgres`);
  } finally {
    await server.stop();
    await db.close();
  }
}

function startApp(dataDir, databaseUrl) {
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  return spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function stopApp(app) {
  if (app.exitCode !== null) return;
  const exited = new Promise((r) => app.once('exit', r));
  app.kill('SIGTERM');
  await exited;
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
    headers: REQUEST_HEADERS(token),
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { result, p95: times[Math.floor(times.length * 0.95)] ?? NaN };
}

/** Milliseconds of each of `urls` read one after another. */
async function coldTimes(urls, token) {
  const times = [];
  for (const url of urls) {
    const started = performance.now();
    const res = await fetch(url, { headers: REQUEST_HEADERS(token) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
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
  const dataDir = mkdtempSync(join(tmpdir(), 'karya-bench-data-'));
  const server = await scratchPostgres();
  let app;
  try {
    let seeded;
    if (server) {
      console.log('Database: PostgreSQL');
      app = startApp(dataDir, server.url);
      await waitHealthy(Date.now() + 120_000);
      seeded = await seed(server.url);
    } else {
      console.log(
        `Database: the app's embedded PGlite (${process.env.BENCH_PGLITE === 'true' ? 'forced' : 'PostgreSQL not reachable'})`,
      );
      const first = startApp(dataDir, null); // creates the database and its schema
      await waitHealthy(Date.now() + 120_000);
      await stopApp(first);
      seeded = await seedEmbedded(dataDir);
      app = startApp(dataDir, null);
      await waitHealthy(Date.now() + 120_000);
    }
    const { token, counts } = seeded;
    console.log(`Seeded ${counts.posts} posts with ${counts.targets} targets; week ${WEEK}`);
    const api = `http://127.0.0.1:${PORT}/api`;
    const weekUrl = `${api}/calendar/week?week=${WEEK}`;
    const probe = await fetch(weekUrl, { headers: { authorization: `Bearer ${token}` } });
    const body = await probe.json();
    if (!probe.ok) throw new Error(`week view answered ${probe.status}: ${JSON.stringify(body)}`);
    console.log(
      `Week view: ${body.entries.length} entries, ${JSON.stringify(body).length} bytes per response`,
    );
    const cold = await coldTimes(
      COLD_WEEKS.map((w) => `${api}/calendar/week?week=${w}`),
      token,
    );
    console.log(
      `Uncached week views (built from the database, ${cold.length} weeks): ` +
        `median ${cold[Math.floor(cold.length / 2)].toFixed(0)} ms, max ${cold.at(-1).toFixed(0)} ms`,
    );
    await run(`${api}/health`, token); // warm-up
    const health = await run(`${api}/health`, token);
    const me = await run(`${api}/auth/me`, token);
    const settings = await run(`${api}/calendar/settings`, token);
    const week = await run(weekUrl, token);
    console.log(
      'Every request carries the same bearer token and Accept-Encoding: gzip. All but ' +
        '/api/health (public, SELECT 1) pass the session guard (one query, ' +
        'then the session is reused for 5 s); then /api/auth/me ' +
        'reads the user and institution, /api/calendar/settings one row, and a cached week view ' +
        'its calendar version (one row).',
    );
    console.table([
      summary('GET /api/health (public)', health),
      summary('GET /api/auth/me (authenticated)', me),
      summary('GET /api/calendar/settings (authenticated)', settings),
      summary('GET /api/calendar/week (authenticated)', week),
    ]);
    const percent = (trivial) =>
      ((week.result.requests.average / trivial.result.requests.average) * 100).toFixed(1);
    console.log(
      `Week view throughput = ${percent(me)} % of /api/auth/me, ${percent(settings)} % of ` +
        `/api/calendar/settings, ${percent(health)} % of /api/health (target ≥ 50 %)`,
    );
  } finally {
    if (app) await stopApp(app);
    await server?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
