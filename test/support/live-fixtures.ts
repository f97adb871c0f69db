/**
 * Live publishing against the platform fakes, for the multi-process dispatcher tests and the
 * publishing benchmark: the three fakes and an image host playing PUBLIC_BASE_URL, live accounts
 * with stored credentials spread over many accounts, due targets seeded in bulk SQL, worker
 * processes running the built app with ROLE=worker, and the tallies that prove "exactly once".
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { TestApp } from './app';
import { makeLiveSocialAccount, makeRender } from './factories';
import { ImageHost } from './fakes/fake-http';
import { jpeg } from './fakes/fake-images';
import { GraphApiFake } from './fakes/graph-api.fake';
import { XApiFake } from './fakes/x-api.fake';

export type LiveNetwork = 'instagram' | 'facebook' | 'x';
export const LIVE_NETWORKS: LiveNetwork[] = ['instagram', 'facebook', 'x'];
const X_CLIENT = 'karya-bench-client';

/** The built app (`nest build`); benchmarks and local runs may point elsewhere. */
export const WORKER_MAIN = resolve(process.env.KARYA_DIST_DIR ?? 'dist', 'src/main.js');
export const workerBuildMissing = (): boolean => !existsSync(WORKER_MAIN);

export class LiveFakes {
  readonly graph: GraphApiFake;
  readonly x: XApiFake;
  readonly images = new ImageHost();
  private photo: Buffer = Buffer.alloc(0);

  /** `now`: the fakes' clock (quota windows, timestamps), shared with a frozen test clock. */
  constructor(private readonly now: () => Date = () => new Date()) {
    this.graph = new GraphApiFake({ now });
    this.x = new XApiFake({ now });
  }

  async start(): Promise<void> {
    await Promise.all([this.graph.start(), this.x.start(), this.images.start()]);
    this.photo = await jpeg(1080, 1350);
    this.x.addClient(X_CLIENT);
  }

  /** A render's public token whose JPEG the image host serves (tokens are unique per render). */
  newRenderToken(): string {
    const token = randomUUID();
    this.images.add(`r/${token}.jpg`, this.photo);
    return token;
  }

  clockNow(): Date {
    return this.now();
  }

  /** Rendered images are served at `${publicBaseUrl}/r/<token>.jpg`. */
  get publicBaseUrl(): string {
    return `${this.images.url}/media`;
  }

  async stop(): Promise<void> {
    await Promise.all([this.graph.stop(), this.x.stop(), this.images.stop()]);
  }

  /** Waits until no fake is still working on a request (so time may pass in a test). */
  async settled(): Promise<void> {
    await waitUntil(async () => this.graph.idle && this.x.idle, 10_000, 'the fakes to settle');
  }

  /** Posts on the fakes per caption, over all three networks. */
  postsByCaption(): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (caption: string) => counts.set(caption, (counts.get(caption) ?? 0) + 1);
    for (const media of this.graph.media.values()) add(media.caption);
    for (const post of this.graph.posts.values()) add(post.message);
    for (const tweet of this.x.tweets.values()) add(tweet.original);
    return counts;
  }
}

export interface LiveAccount {
  id: string;
  network: LiveNetwork;
}

let accountSeq = Math.floor(Math.random() * 1e9);

/** `perNetwork` connected live accounts per network, known to the fakes. */
export async function makeLiveAccounts(
  t: TestApp,
  fakes: LiveFakes,
  institutionId: string,
  perNetwork: number,
): Promise<LiveAccount[]> {
  const accounts: LiveAccount[] = [];
  for (let i = 0; i < perNetwork; i++) {
    for (const network of LIVE_NETWORKS) {
      const externalId = String(17_841_400_000_000_000n + BigInt(++accountSeq) * 7919n);
      const credentials = liveCredentials(fakes, network, externalId);
      const row = await makeLiveSocialAccount(t, { id: institutionId }, network, credentials, {
        externalId,
      });
      accounts.push({ id: row.id, network });
    }
  }
  return accounts;
}

function liveCredentials(fakes: LiveFakes, network: LiveNetwork, externalId: string) {
  const token = `token-${network}-${externalId}`;
  if (network === 'instagram') {
    fakes.graph.addInstagramAccount(externalId, token);
    return { type: 'graph' as const, accessToken: token };
  }
  if (network === 'facebook') {
    fakes.graph.addPage(externalId, token);
    return { type: 'graph' as const, accessToken: token };
  }
  fakes.x.addUser(externalId, `akun_${externalId}`);
  const grant = fakes.x.grant(externalId, X_CLIENT);
  return {
    type: 'x_oauth2' as const,
    ...grant,
    expiresAt: new Date(fakes.clockNow().getTime() + 2 * 3_600_000).toISOString(),
  };
}

export interface SeedOptions {
  institutionId: string;
  userId: string;
  accounts: LiveAccount[];
  count: number;
  dueAt: Date;
  renderToken: string;
  /** Starts every caption, so tallies can tell this seeding from others. */
  tag: string;
}

/** `count` scheduled posts with one due target each, round-robin over the accounts. */
export async function seedDueTargets(ds: DataSource, o: SeedOptions): Promise<void> {
  const render = await makeRender(ds, o.institutionId, { publicToken: o.renderToken });
  const accountIds = o.accounts.map((a) => a.id);
  const networks = o.accounts.map((a) => a.network);
  // Post i goes to account i mod n.
  const picked = `
    SELECT p.id AS post_id, s.i, ($3::uuid[])[1 + s.i % cardinality($3::uuid[])] AS account_id,
           ($4::text[])[1 + s.i % cardinality($4::text[])] AS network
    FROM generate_series(1, $2::int) s(i)
    JOIN posts p ON p.institution_id = $1 AND p.title = $5 || ' #' || s.i`;
  const base = [o.institutionId, o.count, accountIds, networks, o.tag];
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
       SELECT $1, $4 || ' #' || i, 'scheduled', $2, $2, $3 FROM generate_series(1, $5::int) i`,
      [o.institutionId, o.userId, o.dueAt, o.tag, o.count],
    );
    await m.query(
      `INSERT INTO post_variants (post_id, institution_id, network, caption, render_ids)
       SELECT x.post_id, $1, x.network,
              $5 || ' kemeja batik karya warga binaan nomor ' || x.i, ARRAY[$6::uuid]
       FROM (${picked}) x`,
      [...base, render.id],
    );
    await m.query(
      `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, planned_at,
         next_attempt_at)
       SELECT x.post_id, $1, x.account_id, x.network, $6, $6 FROM (${picked}) x`,
      [...base, o.dueAt],
    );
  });
}

export interface SpreadOptions {
  institutions: number;
  accountsPerNetwork: number;
  /** Targets over all institutions. */
  count: number;
  dueAt: Date;
  tag: string;
}

/**
 * Due targets spread over several institutions, each with its own live accounts: what many
 * institutions publishing at the same second look like. Returns the institutions' ids.
 */
export async function seedSpread(
  t: TestApp,
  fakes: LiveFakes,
  o: SpreadOptions,
  makeInstitutionWithUser: () => Promise<{ institutionId: string; userId: string }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < o.institutions; i++) {
    const { institutionId, userId } = await makeInstitutionWithUser();
    const accounts = await makeLiveAccounts(t, fakes, institutionId, o.accountsPerNetwork);
    const share = Math.floor(o.count / o.institutions) + (i < o.count % o.institutions ? 1 : 0);
    await seedDueTargets(t.dataSource, {
      institutionId,
      userId,
      accounts,
      count: share,
      dueAt: o.dueAt,
      renderToken: fakes.newRenderToken(),
      tag: `${o.tag}-${i}`,
    });
    ids.push(institutionId);
  }
  return ids;
}

export interface Tally {
  statuses: Record<string, number>;
  /** Targets with more than one successful publish or reconcile. */
  doublyPublished: number;
  /** Failed targets without a stored reason. */
  failedWithoutReason: number;
  unfinished: number;
}

export async function tally(ds: DataSource, institutionIds: string[]): Promise<Tally> {
  const statuses: { status: string; n: string }[] = await ds.query(
    `SELECT status, count(*) AS n FROM post_targets WHERE institution_id = ANY($1)
     GROUP BY status`,
    [institutionIds],
  );
  const [row] = await ds.query(
    `SELECT
       (SELECT count(*) FROM (
          SELECT a.post_target_id FROM publish_attempts a
          WHERE a.institution_id = ANY($1) AND a.outcome IN ('published', 'reconciled_found')
          GROUP BY a.post_target_id HAVING count(*) > 1) d) AS doubly,
       (SELECT count(*) FROM post_targets WHERE institution_id = ANY($1) AND status = 'failed'
          AND coalesce(last_error_message, '') = '') AS reasonless,
       (SELECT count(*) FROM post_targets WHERE institution_id = ANY($1)
          AND status IN ('pending', 'publishing', 'retry_waiting')) AS unfinished`,
    [institutionIds],
  );
  return {
    statuses: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    doublyPublished: Number(row.doubly),
    failedWithoutReason: Number(row.reasonless),
    unfinished: Number(row.unfinished),
  };
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

export interface WorkerSettings {
  databaseUrl: string;
  fakes: LiveFakes;
  tokenEncryptionKey: string;
  requestTimeoutMs?: number;
  /** PUBLISH_CONCURRENCY: below the due burst, no one process can take all of it. */
  publishConcurrency?: number;
}

export const newEncryptionKey = (): string => randomBytes(32).toString('hex');

/** The built app as a worker process (ROLE=worker): no demo, its own data dir, fakes for APIs. */
export class WorkerProcess {
  private output = '';
  readonly exited: Promise<number | null>;
  /** CPU seconds and peak RSS, read from the process while it runs. */
  usage = { cpuSeconds: 0, maxRssMb: 0 };

  private constructor(
    readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
    void this.exited.then(() => rmSync(this.dataDir, { recursive: true, force: true }));
  }

  static async start(settings: WorkerSettings, label: string): Promise<WorkerProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), `karya-worker-${label}-`));
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH,
        // A build outside the checkout still finds the checkout's packages.
        NODE_PATH: resolve('node_modules'),
        NODE_ENV: 'development',
        ROLE: 'worker',
        PORT: '0',
        LOG_LEVEL: 'warn',
        DEMO_SEED: 'false',
        DATA_DIR: dataDir,
        DATABASE_URL: settings.databaseUrl,
        TOKEN_ENCRYPTION_KEY: settings.tokenEncryptionKey,
        PUBLIC_BASE_URL: settings.fakes.publicBaseUrl,
        GRAPH_API_BASE_URL: settings.fakes.graph.url,
        X_API_BASE_URL: settings.fakes.x.url,
        X_CLIENT_ID: X_CLIENT,
        PLATFORM_REQUEST_TIMEOUT_MS: String(settings.requestTimeoutMs ?? 5_000),
        ...(settings.publishConcurrency
          ? { PUBLISH_CONCURRENCY: String(settings.publishConcurrency) }
          : {}),
        NO_PROXY: '127.0.0.1,localhost',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, dataDir);
    const ready = await Promise.race([
      worker.waitFor('Karya is running'),
      worker.exited.then(() => false),
    ]);
    if (!ready) throw new Error(`worker ${label} did not start:\n${worker.output}`);
    return worker;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Samples /proc for CPU time and RSS (Linux); call now and then while it runs. */
  sample(): void {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      const ticks = Number(stat[11]) + Number(stat[12]);
      this.usage.cpuSeconds = ticks / 100;
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.usage.maxRssMb = Math.max(this.usage.maxRssMb, Math.round(rssKb / 1024));
    } catch {
      // The process is gone or /proc is not there: keep the last sample.
    }
  }

  /** SIGTERM lets it finish or release its work; SIGKILL is a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }

  get log(): string {
    return this.output;
  }

  private async waitFor(text: string): Promise<boolean> {
    const deadline = Date.now() + 120_000;
    while (!this.output.includes(text)) {
      if (Date.now() > deadline || this.child.exitCode !== null) return false;
      await sleep(50);
    }
    return true;
  }
}
