// Start-up time and memory of the built app: `npm run bench:startup`.
// Measures a first start (new data directory, demo seeded) and a second start, on embedded
// PGlite and, when BENCH_DATABASE_URL is set (default: the local PostgreSQL), on PostgreSQL.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(process.cwd(), 'dist/src/main.js');
const PG_ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function rssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childPids(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function waitHealthy(port, deadline) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function measure(label, env, port) {
  const started = Date.now();
  const proc = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const ok = await waitHealthy(port, started + 120_000);
  const readyMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  const appRss = rssKb(proc.pid);
  const childRss = childPids(proc.pid).reduce((sum, pid) => sum + rssKb(pid), 0);
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  if (!ok) throw new Error(`${label}: not healthy in time\n${output}`);
  return {
    label,
    readyMs,
    appRssMb: Math.round(appRss / 1024),
    embeddedDbRssMb: Math.round(childRss / 1024),
  };
}

async function main() {
  const rows = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'karya-bench-'));
  rows.push(
    await measure('PGlite, first start (new data dir, demo seeded)', { DATA_DIR: dataDir }, 3301),
  );
  rows.push(await measure('PGlite, second start', { DATA_DIR: dataDir }, 3301));
  rmSync(dataDir, { recursive: true, force: true });

  const dbName = `karya_bench_${process.pid}`;
  let pgUrl;
  try {
    execFileSync('psql', [PG_ADMIN_URL, '-q', '-c', `CREATE DATABASE ${dbName}`], {
      stdio: 'pipe',
    });
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    pgUrl = url.toString();
  } catch (error) {
    console.log(
      `PostgreSQL not reachable at ${PG_ADMIN_URL}: skipped (${error.message.split('\n')[0]})`,
    );
  }
  if (pgUrl) {
    const pgDataDir = mkdtempSync(join(tmpdir(), 'karya-bench-'));
    rows.push(
      await measure(
        'PostgreSQL, first start (demo seeded)',
        { DATA_DIR: pgDataDir, DATABASE_URL: pgUrl },
        3302,
      ),
    );
    rows.push(
      await measure('PostgreSQL, second start', { DATA_DIR: pgDataDir, DATABASE_URL: pgUrl }, 3302),
    );
    rmSync(pgDataDir, { recursive: true, force: true });
    execFileSync('psql', [PG_ADMIN_URL, '-q', '-c', `DROP DATABASE ${dbName} WITH (FORCE)`], {
      stdio: 'pipe',
    });
  }
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
