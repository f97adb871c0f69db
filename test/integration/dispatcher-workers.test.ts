/**
 * Several worker processes (the built app, ROLE=worker) against one PostgreSQL, publishing to the
 * platform fakes: each target exactly once, and a worker killed mid-publish is reconciled, not
 * duplicated. PostgreSQL only: the embedded database belongs to one process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSignedInUser } from '../support/factories';
import {
  LiveFakes,
  makeLiveAccounts,
  newEncryptionKey,
  seedDueTargets,
  seedSpread,
  tally,
  waitUntil,
  WORKER_MAIN,
  WorkerProcess,
  workerBuildMissing,
} from '../support/live-fixtures';

const databaseUrl = process.env.TEST_DATABASE_URL;
const skip = !databaseUrl || workerBuildMissing();
if (!databaseUrl) {
  console.warn('dispatcher-workers: skipped, TEST_DATABASE_URL is not set (needs PostgreSQL)');
} else if (skip) {
  console.warn(`dispatcher-workers: skipped, no built app at ${WORKER_MAIN} (run nest build)`);
}
const describeOnPostgres = skip ? describe.skip : describe;

const tokenEncryptionKey = newEncryptionKey();
const fakes = new LiveFakes();
let t: TestApp;
const workers: WorkerProcess[] = [];

async function institutionWithUser() {
  const institutionId = (await makeInstitution(t.dataSource)).id;
  const user = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
  return { institutionId, userId: user.id };
}

async function startWorker(label: string): Promise<WorkerProcess> {
  const worker = await WorkerProcess.start(
    {
      databaseUrl: databaseUrl as string,
      fakes,
      tokenEncryptionKey,
      requestTimeoutMs: 30_000,
      // 3 × 40 per process is less than the 480 the accounts allow at once: all three must claim.
      publishConcurrency: 40,
    },
    label,
  );
  workers.push(worker);
  return worker;
}

describeOnPostgres('dispatcher worker processes', () => {
  beforeAll(async () => {
    await fakes.start();
    t = await createTestApp({
      env: { TOKEN_ENCRYPTION_KEY: tokenEncryptionKey, PUBLIC_BASE_URL: fakes.publicBaseUrl },
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await t?.close();
    await fakes.stop();
  });

  it('three workers publish 1,000 due targets, each exactly once', async () => {
    const trio = await Promise.all(['a', 'b', 'c'].map((label) => startWorker(label)));
    const tag = `Tiga-pekerja-${Date.now()}`;
    // Ten institutions with four accounts per network each: per-account limits apply as in use.
    const institutions = await seedSpread(
      t,
      fakes,
      { institutions: 10, accountsPerNetwork: 4, count: 1_000, dueAt: new Date(), tag },
      institutionWithUser,
    );

    await waitUntil(
      async () => (await tally(t.dataSource, institutions)).unfinished === 0,
      200_000,
      '1,000 targets to finish',
    );
    const result = await tally(t.dataSource, institutions);
    expect(result.statuses).toEqual({ published: 1_000 });
    expect(result.doublyPublished).toBe(0);

    const onPlatforms = [...fakes.postsByCaption()].filter(([caption]) => caption.startsWith(tag));
    expect(onPlatforms).toHaveLength(1_000);
    expect(onPlatforms.filter(([, n]) => n !== 1)).toEqual([]);

    const [{ publishes }] = await t.dataSource.query(
      `SELECT count(*)::int AS publishes FROM publish_attempts
       WHERE institution_id = ANY($1) AND kind = 'publish'`,
      [institutions],
    );
    expect(publishes).toBe(1_000);
    const byWorker: { worker: string }[] = await t.dataSource.query(
      `SELECT DISTINCT split_part(worker, ':', 2) AS worker FROM publish_attempts
       WHERE institution_id = ANY($1)`,
      [institutions],
    );
    // Every process took a share of the queue.
    expect(byWorker.map((w) => Number(w.worker)).sort()).toEqual(trio.map((w) => w.pid).sort());
    await Promise.all(trio.map((w) => w.stop()));
  }, 240_000);

  it('a worker killed mid-publish is reconciled after its lease expires, not duplicated', async () => {
    const { institutionId, userId } = await institutionWithUser();
    const accounts = await makeLiveAccounts(t, fakes, institutionId, 1);
    const tag = `Pekerja-mati-${institutionId.slice(0, 8)}`;
    // Each network's one call that makes the post visible takes effect, then answers too late.
    const late = { delayAfterSideEffectMs: 60_000 };
    fakes.graph.failNext(1, late, { method: 'POST', path: /media_publish$/ });
    fakes.graph.failNext(1, late, { method: 'POST', path: /photos$/ });
    fakes.x.failNext(1, late, { method: 'POST', path: '/2/tweets' });
    const doomed = await startWorker('doomed');
    await seedDueTargets(t.dataSource, {
      institutionId,
      userId,
      accounts,
      count: 3,
      dueAt: new Date(),
      renderToken: fakes.newRenderToken(),
      tag,
    });
    const ours = () => [...fakes.postsByCaption()].filter(([c]) => c.startsWith(tag));
    await waitUntil(async () => ours().length === 3, 30_000, 'the three posts to exist');
    await doomed.stop('SIGKILL');

    const stuck: { status: string; lease_owner: string }[] = await t.dataSource.query(
      `SELECT status, lease_owner FROM post_targets WHERE institution_id = $1`,
      [institutionId],
    );
    expect(stuck.map((s) => s.status)).toEqual(['publishing', 'publishing', 'publishing']);
    // Time passes: the dead worker's leases run out.
    await t.dataSource.query(
      `UPDATE post_targets SET lease_expires_at = now() - interval '1 second'
       WHERE institution_id = $1`,
      [institutionId],
    );
    await startWorker('rescuer');
    await waitUntil(
      async () => (await tally(t.dataSource, [institutionId])).unfinished === 0,
      30_000,
      'the rescuer to settle the targets',
    );

    expect((await tally(t.dataSource, [institutionId])).statuses).toEqual({ published: 3 });
    expect(ours().map(([, n]) => n)).toEqual([1, 1, 1]);
    const attempts: { kind: string; outcome: string | null }[] = await t.dataSource.query(
      `SELECT kind, outcome FROM publish_attempts WHERE institution_id = $1 ORDER BY seq`,
      [institutionId],
    );
    // The killed worker's publishes never finished; the rescuer found each post and published
    // nothing again.
    expect(attempts.filter((a) => a.kind === 'publish')).toEqual([
      { kind: 'publish', outcome: null },
      { kind: 'publish', outcome: null },
      { kind: 'publish', outcome: null },
    ]);
    expect(attempts.filter((a) => a.kind === 'reconcile').map((a) => a.outcome)).toEqual([
      'reconciled_found',
      'reconciled_found',
      'reconciled_found',
    ]);
  }, 90_000);
});
