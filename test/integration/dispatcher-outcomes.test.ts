import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import type { SocialNetwork } from '../../src/content/rendering/template';
import {
  PlatformAdapter,
  PlatformError,
  PlatformErrorKind,
  ReconcileResult,
} from '../../src/platforms/platform-adapter';
import { PlatformRegistry } from '../../src/platforms/platform-registry';
import { TokenCrypto } from '../../src/platforms/token-crypto';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { createTestApp, TestApp } from '../support/app';
import { duePost, NOW, world } from './dispatcher-fixtures';

let t: TestApp;
let clock: FrozenClock;
let dispatcher: DispatcherService;
let registry: PlatformRegistry;

beforeAll(async () => {
  clock = new FrozenClock(NOW);
  t = await createTestApp({ clock, env: { ROLE: 'api' } });
  dispatcher = t.app.get(DispatcherService);
  registry = t.app.get(PlatformRegistry);
});

afterEach(() => {
  jest.restoreAllMocks();
  clock.set(NOW);
});

afterAll(async () => {
  await t.close();
});

const failure = (kind: PlatformErrorKind, retryAt?: Date) =>
  new PlatformError(kind, {
    network: 'x',
    platformCode: `test:${kind}`,
    reason: { id: `Alasan ${kind}`, en: `Reason ${kind}` },
    retryAt,
  });

/**
 * The sandbox adapter with scripted answers: the next publish throws `publishError` once, and
 * reconcile answers `reconcileResult` once; afterwards the real sandbox behaviour.
 */
function script(publishError: PlatformError, reconcileResult?: ReconcileResult) {
  const original = registry.adapterFor.bind(registry);
  let publishFailed = false;
  let reconciled = false;
  const calls: string[] = [];
  jest.spyOn(registry, 'adapterFor').mockImplementation((network: SocialNetwork, kind) => {
    const real = original(network, kind);
    const scripted: PlatformAdapter = Object.create(real);
    scripted.publish = async (account, content) => {
      calls.push('publish');
      if (!publishFailed) {
        publishFailed = true;
        throw publishError;
      }
      return real.publish(account, content);
    };
    scripted.reconcile = async (account, query) => {
      calls.push('reconcile');
      if (reconcileResult && !reconciled) {
        reconciled = true;
        return reconcileResult;
      }
      return real.reconcile(account, query);
    };
    return scripted;
  });
  return calls;
}

const target = async (id: string) =>
  (
    await t.dataSource.query(
      `SELECT status, next_attempt_at, last_error_code, last_error_message, platform_post_id
       FROM post_targets WHERE id = $1`,
      [id],
    )
  )[0];
const postStatus = async (postId: string) =>
  (await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]))[0].status;
const attempts = async (id: string) =>
  t.dataSource.query(
    `SELECT kind, outcome FROM publish_attempts WHERE post_target_id = $1 ORDER BY seq`,
    [id],
  );

describe('dispatcher outcomes', () => {
  it('retries a rate-limited target at the reset time, then publishes it', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['x']);
    const reset = new Date(NOW.getTime() + 15 * 60_000);
    script(failure('retry_later', reset));
    await dispatcher.runOnce();

    const waiting = await target(targets[0]);
    expect(waiting.status).toBe('retry_waiting');
    expect(new Date(waiting.next_attempt_at)).toEqual(reset);
    expect(waiting.last_error_code).toBe('test:retry_later');
    expect(await postStatus(postId)).toBe('publishing');

    await dispatcher.runOnce();
    expect((await target(targets[0])).status).toBe('retry_waiting');

    clock.set(reset);
    await dispatcher.runOnce();
    expect((await target(targets[0])).status).toBe('published');
    expect(await postStatus(postId)).toBe('published');
    expect(await attempts(targets[0])).toEqual([
      { kind: 'publish', outcome: 'retry_later' },
      { kind: 'publish', outcome: 'published' },
    ]);
  });

  it('stops on reauthenticate and marks the account', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['instagram']);
    script(failure('reauthenticate'));
    await dispatcher.runOnce();

    const row = await target(targets[0]);
    expect(row.status).toBe('failed');
    expect(row.last_error_message).toContain('Reason reauthenticate');
    const [account] = await t.dataSource.query(
      `SELECT a.status FROM social_accounts a JOIN post_targets t ON t.social_account_id = a.id
       WHERE t.id = $1`,
      [targets[0]],
    );
    expect(account.status).toBe('needs_reauth');
    expect(await postStatus(postId)).toBe('failed');
  });

  it('stops for reconnection when the stored token no longer decrypts, instead of retrying', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['facebook']);
    const [{ social_account_id: accountId }] = await t.dataSource.query(
      `SELECT social_account_id FROM post_targets WHERE id = $1`,
      [targets[0]],
    );
    // A live Page whose token was sealed under a key TOKEN_ENCRYPTION_KEY no longer holds.
    const dropped = new TokenCrypto([randomBytes(32)]);
    await t.dataSource.query(
      `UPDATE social_accounts SET kind = 'live', external_id = '1049' WHERE id = $1`,
      [accountId],
    );
    await t.dataSource.query(
      `INSERT INTO social_account_credentials (social_account_id, key_id, ciphertext)
       VALUES ($1, $2, $3)`,
      [
        accountId,
        dropped.currentKeyId,
        dropped.encrypt({ type: 'graph', accessToken: 'EAAB-old' }, accountId),
      ],
    );
    const calls = script(failure('rejected'));

    const summary = await dispatcher.runOnce();
    expect(summary.outcomes.failed).toBe(1);
    expect(calls).toEqual([]);
    const row = await target(targets[0]);
    expect(row.status).toBe('failed');
    expect(row.next_attempt_at).toBeNull();
    expect(row.last_error_code).toBe('credentials_unreadable');
    expect(row.last_error_message).toMatch(
      /tidak dapat dibuka.*sambungkan ulang.* \/ .*cannot be decrypted.*reconnect/,
    );
    const [account] = await t.dataSource.query(`SELECT status FROM social_accounts WHERE id = $1`, [
      accountId,
    ]);
    expect(account.status).toBe('needs_reauth');
    const notices = await t.dataSource.query(
      `SELECT kind FROM notifications WHERE social_account_id = $1 ORDER BY kind`,
      [accountId],
    );
    expect(notices.map((n: { kind: string }) => n.kind)).toEqual([
      'needs_reauth',
      'publish_failed',
    ]);
    expect(await postStatus(postId)).toBe('failed');
  });

  it('fails a target the network rejects, with the reason in both languages', async () => {
    const w = await world(t);
    const long = (network: string) =>
      network === 'x' ? `Kemeja batik ${'sangat bagus '.repeat(40)}` : 'Kemeja batik';
    const { postId, targets } = await duePost(t, w, ['instagram', 'x'], long);
    await dispatcher.runOnce();

    const [instagram, x] = await Promise.all(targets.map(target));
    expect(instagram.status).toBe('published');
    expect(x.status).toBe('failed');
    expect(x.last_error_message).toMatch(/ \/ /);
    expect(await postStatus(postId)).toBe('partially_published');
  });

  it('reconciles an unknown outcome and retries only when the post is not there', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['facebook']);
    const calls = script(failure('unknown_outcome'), { status: 'not_found' });
    await dispatcher.runOnce();
    const waiting = await target(targets[0]);
    expect(waiting.status).toBe('retry_waiting');

    clock.set(new Date(waiting.next_attempt_at));
    await dispatcher.runOnce();
    expect((await target(targets[0])).status).toBe('published');
    // Not there at first, and still not there right before the retry (the platform may have been
    // slow to create it): only then is it published again.
    expect(calls).toEqual(['publish', 'reconcile', 'reconcile', 'publish']);
    expect(await attempts(targets[0])).toEqual([
      { kind: 'publish', outcome: 'unknown_outcome' },
      { kind: 'reconcile', outcome: 'reconciled_not_found' },
      { kind: 'reconcile', outcome: 'reconciled_not_found' },
      { kind: 'publish', outcome: 'published' },
    ]);
    expect(await postStatus(postId)).toBe('published');
  });

  it('takes a reconciled post as published without publishing again', async () => {
    const w = await world(t);
    const { targets } = await duePost(t, w, ['x']);
    const calls = script(failure('unknown_outcome'), {
      status: 'found',
      platformPostId: 'x-found-1',
      permalink: 'https://x.example/status/1',
    });
    await dispatcher.runOnce();
    const row = await target(targets[0]);
    expect(row).toMatchObject({ status: 'published', platform_post_id: 'x-found-1' });
    expect(calls).toEqual(['publish', 'reconcile']);
  });

  it('fails a target whose account is disabled, saying so, without calling the platform', async () => {
    const w = await world(t);
    const { postId, targets } = await duePost(t, w, ['instagram']);
    await t.dataSource.query(
      `UPDATE social_accounts SET status = 'disabled'
       WHERE id = (SELECT social_account_id FROM post_targets WHERE id = $1)`,
      [targets[0]],
    );
    await dispatcher.runOnce();
    expect(await target(targets[0])).toMatchObject({
      status: 'failed',
      last_error_code: 'account_unavailable',
    });
    expect(await attempts(targets[0])).toEqual([]);
    expect(await postStatus(postId)).toBe('failed');
  });
});
