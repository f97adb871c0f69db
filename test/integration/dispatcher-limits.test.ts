/**
 * How the dispatcher takes work: per-account limits and fairness at claim time, giving claimed
 * work back at shutdown, and waking exactly when the next target falls due.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { DispatchQueueRepository } from '../../src/publishing/dispatcher/dispatch-queue.repository';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { TargetPublisher } from '../../src/publishing/dispatcher/target-publisher';
import { createTestApp, TestApp } from '../support/app';
import {
  makeInstitution,
  makeRender,
  makeSignedInUser,
  makeSocialAccount,
} from '../support/factories';

let t: TestApp;

beforeAll(async () => {
  // The system clock: the wake-up test waits for real time to pass.
  t = await createTestApp({ env: { ROLE: 'api' } });
});

afterAll(async () => {
  await t.close();
});

/** `counts[i]` scheduled posts due at `dueAt`, each with one sandbox X target on account i. */
async function targetsOnAccounts(counts: number[], dueAt: Date) {
  const ds = t.dataSource;
  const institutionId = (await makeInstitution(ds)).id;
  const user = await makeSignedInUser(ds, { role: Role.Staff, institutionId });
  const render = await makeRender(ds, institutionId, { altText: 'Tas anyaman' });
  const accounts: string[] = [];
  for (const count of counts) {
    const account = await makeSocialAccount(ds, institutionId, { network: 'x' });
    accounts.push(account.id);
    for (let i = 0; i < count; i++) {
      const [post] = await ds.query(
        `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
         VALUES ($1, 'Tas anyaman', 'scheduled', $2, $2, $3) RETURNING id`,
        [institutionId, user.id, dueAt],
      );
      await ds.query(
        `INSERT INTO post_variants (post_id, institution_id, network, caption, render_ids)
         VALUES ($1, $2, 'x', $3, ARRAY[$4]::uuid[])`,
        [post.id, institutionId, `Tas anyaman ${account.id} ${i}`, render.id],
      );
      await ds.query(
        `INSERT INTO post_targets (post_id, institution_id, social_account_id, network,
           planned_at, next_attempt_at) VALUES ($1, $2, $3, 'x', $4, $4)`,
        [post.id, institutionId, account.id, dueAt],
      );
    }
  }
  return { institutionId, accounts };
}

const lease = () => new Date(Date.now() + 60_000);
/**
 * Other suites leave due targets in a shared database: these tests' targets fall due long before
 * theirs, and claims are made at that time, so only these tests' targets are claimable.
 */
const LONG_AGO = new Date('2001-02-03T04:05:06Z');
const CLAIM_AT = new Date(LONG_AGO.getTime() + 60_000);

describe('dispatcher limits', () => {
  it('claims at most four targets of one account at a time, and every account gets its turn', async () => {
    const repo = t.app.get(DispatchQueueRepository);
    const { accounts } = await targetsOnAccounts([7, 1, 1], LONG_AGO);
    const room = { networks: ['x' as const], room: [100], perAccount: 4 };
    const ours = (claimed: { socialAccountId: string }[]) =>
      claimed.filter((c) => accounts.includes(c.socialAccountId)).map((c) => c.socialAccountId);

    // A batch of three: one each before anyone's second.
    const first = ours(await repo.claim('worker-a', CLAIM_AT, lease(), { ...room, limit: 3 }));
    expect([...first].sort()).toEqual([...accounts].sort());
    // The busy account has one in flight (another worker's lease counts too): three more.
    const second = ours(await repo.claim('worker-b', CLAIM_AT, lease(), { ...room, limit: 50 }));
    expect(second).toEqual([accounts[0], accounts[0], accounts[0]]);
    expect(ours(await repo.claim('worker-c', CLAIM_AT, lease(), { ...room, limit: 50 }))).toEqual(
      [],
    );
  });

  it('gives a claimed target back at shutdown when its platform call has not started', async () => {
    const repo = t.app.get(DispatchQueueRepository);
    const publisher = t.app.get(TargetPublisher);
    const { institutionId } = await targetsOnAccounts([1], LONG_AGO);
    const claimed = (
      await repo.claim('worker-stopping', CLAIM_AT, lease(), {
        limit: 50,
        perAccount: 4,
        networks: ['x'],
        room: [50],
      })
    ).filter((c) => c.institutionId === institutionId);
    expect(claimed).toHaveLength(1);

    expect(await publisher.process(claimed[0], 'worker-stopping', () => true)).toBe('released');
    const [row] = await t.dataSource.query(
      `SELECT status, lease_owner, attempt_count, next_attempt_at <= now() AS due
       FROM post_targets WHERE id = $1`,
      [claimed[0].id],
    );
    expect(row).toEqual({ status: 'pending', lease_owner: null, attempt_count: 0, due: true });
    const attempts = await t.dataSource.query(
      `SELECT 1 FROM publish_attempts WHERE post_target_id = $1`,
      [claimed[0].id],
    );
    expect(attempts).toEqual([]);
  });

  it('wakes when the next target falls due instead of waiting for the tick', async () => {
    const dueAt = new Date(Date.now() + 2_500);
    const { institutionId } = await targetsOnAccounts([1], dueAt);
    const dispatcher = t.app.get(DispatcherService);
    // ROLE=api runs no tick: only the wake-up timer can publish this target.
    dispatcher.start();
    const deadline = Date.now() + 15_000;
    let status = 'pending';
    while (status !== 'published' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      [{ status }] = await t.dataSource.query(
        `SELECT status FROM post_targets WHERE institution_id = $1`,
        [institutionId],
      );
    }
    expect(status).toBe('published');
    const [attempt] = await t.dataSource.query(
      `SELECT lateness_ms FROM publish_attempts WHERE institution_id = $1`,
      [institutionId],
    );
    expect(Number(attempt.lateness_ms)).toBeGreaterThanOrEqual(0);
    expect(Number(attempt.lateness_ms)).toBeLessThan(2_000);
    await dispatcher.drain();
  }, 30_000);
});
