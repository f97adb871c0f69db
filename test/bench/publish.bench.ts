/**
 * Publishing under a burst: `npm run bench:publish` (a benchmark, not a test). 1,500 targets fall
 * due at the same second, spread over 30 institutions with 5 accounts per network each (about
 * 3 targets per account, so the per-account limit of 4 is realistic rather than never reached),
 * a third each on the Instagram, Facebook and X fakes, which answer every call after 100 ms
 * (Instagram containers are ready at the first status read). Run once with one worker process
 * and once with two (the built app, ROLE=worker, default settings), on a scratch PostgreSQL
 * database. The fakes and the image host run in this process, on the same cores as the workers
 * and PostgreSQL.
 *
 * Reports lateness (start of the publish call minus the planned time, from the publishing log;
 * and published minus planned) p50/p95/p99/max, duplicates on the fakes, and the workers' CPU
 * time and peak RSS. Environment: BENCH_DATABASE_URL (admin URL, default the local server),
 * KARYA_DIST_DIR (the built app, default dist).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TARGETS = 1_500;
const INSTITUTIONS = 30;
const ACCOUNTS_PER_NETWORK = 5;
const LATENCY_MS = 100;
/** Long enough after the due time is set for a tick to see the targets and set its wake-up timer. */
const DUE_IN_MS = 12_000;

interface Round {
  workers: number;
  lateness: Percentiles;
  publishedLateness: Percentiles;
  duplicates: number;
  unfinished: number;
  cpuSeconds: number[];
  maxRssMb: number[];
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `karya_bench_publish_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

async function main(): Promise<void> {
  const db = await scratchDatabase();
  // The test support reads these: the bench seeds through the same factories as the tests.
  process.env.TEST_DATABASE_URL = db.url;
  process.env.KARYA_TEST_DATABASE_URL = db.url;
  process.env.NO_PROXY = '127.0.0.1,localhost';
  const { createTestApp } = await import('../support/app');
  const { makeInstitution, makeSignedInUser } = await import('../support/factories');
  const { Role } = await import('../../src/auth/roles');
  const fixtures = await import('../support/live-fixtures');

  await runMigrations({ url: db.url, embedded: false });
  const fakes = new fixtures.LiveFakes();
  await fakes.start();
  fakes.graph.setLatency(LATENCY_MS);
  fakes.x.setLatency(LATENCY_MS);
  fakes.graph.setPollsUntilFinished(0);
  const tokenEncryptionKey = randomBytes(32).toString('hex');
  const t = await createTestApp({
    env: { TOKEN_ENCRYPTION_KEY: tokenEncryptionKey, PUBLIC_BASE_URL: fakes.publicBaseUrl },
  });
  const institutionWithUser = async () => {
    const institutionId = (await makeInstitution(t.dataSource)).id;
    const user = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
    return { institutionId, userId: user.id };
  };

  const rounds: Round[] = [];
  try {
    for (const count of [1, 2]) {
      const workers = [];
      for (let i = 0; i < count; i++) {
        workers.push(
          await fixtures.WorkerProcess.start(
            { databaseUrl: db.url, fakes, tokenEncryptionKey },
            `bench-${count}-${i}`,
          ),
        );
      }
      const tag = `Bench-${count}w-${Date.now()}`;
      const institutions = await fixtures.seedSpread(
        t,
        fakes,
        {
          institutions: INSTITUTIONS,
          accountsPerNetwork: ACCOUNTS_PER_NETWORK,
          count: TARGETS,
          dueAt: new Date(Date.now() + 3_600_000),
          tag,
        },
        institutionWithUser,
      );
      // Seeding takes long on a busy machine: the targets get their due time once it is done, so
      // none is already late when it becomes visible.
      const dueAt = new Date(Math.ceil((Date.now() + DUE_IN_MS) / 1000) * 1000);
      await t.dataSource.query(`UPDATE posts SET planned_at = $2 WHERE institution_id = ANY($1)`, [
        institutions,
        dueAt,
      ]);
      await t.dataSource.query(
        `UPDATE post_targets SET planned_at = $2, next_attempt_at = $2 WHERE institution_id = ANY($1)`,
        [institutions, dueAt],
      );
      const deadline = dueAt.getTime() + 180_000;
      for (;;) {
        for (const w of workers) w.sample();
        const tally = await fixtures.tally(t.dataSource, institutions);
        if (tally.unfinished === 0 || Date.now() > deadline) break;
        await sleep(500);
      }
      const tally = await fixtures.tally(t.dataSource, institutions);
      const started: { lateness_ms: number }[] = await t.dataSource.query(
        `SELECT min(a.lateness_ms) AS lateness_ms FROM publish_attempts a
         WHERE a.institution_id = ANY($1) AND a.kind = 'publish' GROUP BY a.post_target_id`,
        [institutions],
      );
      const published: { late: number }[] = await t.dataSource.query(
        `SELECT extract(epoch FROM published_at - planned_at) * 1000 AS late FROM post_targets
         WHERE institution_id = ANY($1) AND status = 'published'`,
        [institutions],
      );
      const onFakes = [...fakes.postsByCaption()].filter(([caption]) => caption.startsWith(tag));
      for (const w of workers) w.sample();
      rounds.push({
        workers: count,
        lateness: percentiles(started.map((r) => Number(r.lateness_ms))),
        publishedLateness: percentiles(published.map((r) => Math.round(Number(r.late)))),
        duplicates: onFakes.filter(([, n]) => n > 1).length + tally.doublyPublished,
        unfinished: tally.unfinished,
        cpuSeconds: workers.map((w) => w.usage.cpuSeconds),
        maxRssMb: workers.map((w) => w.usage.maxRssMb),
      });
      await Promise.all(workers.map((w) => w.stop()));
    }
  } finally {
    await t.close();
    await fakes.stop();
    await db.drop();
  }

  console.log(
    `\n${TARGETS} targets due at one second, ${INSTITUTIONS} institutions × ${ACCOUNTS_PER_NETWORK} accounts per network, fakes answering in ${LATENCY_MS} ms`,
  );
  console.log('lateness in ms: start of publish call (published) − planned time');
  for (const r of rounds) {
    const l = r.lateness;
    const p = r.publishedLateness;
    console.log(
      `${r.workers} worker(s): p50 ${l.p50} (${p.p50})  p95 ${l.p95} (${p.p95})  p99 ${l.p99} (${p.p99})  max ${l.max} (${p.max})` +
        `  duplicates ${r.duplicates}  unfinished ${r.unfinished}` +
        `  CPU ${r.cpuSeconds.map((s) => s.toFixed(1)).join('+')} s  RSS ${r.maxRssMb.join('/')} MB`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
