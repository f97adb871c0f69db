/**
 * The dispatcher wakes when a person makes a target fall due sooner than it would look again:
 * a post moved to a time a moment away, a failed target retried. This app runs no tick
 * (ROLE=api), so only the wake-up those actions ring can publish in time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { createTestApp, TestApp } from '../support/app';
import {
  makeInstitution,
  makeRender,
  makeSignedInUser,
  makeSocialAccount,
} from '../support/factories';

let t: TestApp;
let dispatcher: DispatcherService;

beforeAll(async () => {
  // The system clock: the wake-up waits for real time to pass.
  t = await createTestApp({ env: { ROLE: 'api' } });
  dispatcher = t.app.get(DispatcherService);
  dispatcher.start();
});

afterAll(async () => {
  await dispatcher.drain();
  await t.close();
});

/** A scheduled post a day ahead with one sandbox X target, and a staff member who may move it. */
async function scheduledPost(status: 'pending' | 'failed' = 'pending') {
  const ds = t.dataSource;
  const institutionId = (await makeInstitution(ds)).id;
  const user = await makeSignedInUser(ds, { role: Role.Staff, institutionId });
  const account = await makeSocialAccount(ds, institutionId, { network: 'x' });
  const render = await makeRender(ds, institutionId, { altText: 'Tas anyaman' });
  const plannedAt = new Date(Date.now() + 86_400_000);
  const [post] = await ds.query(
    `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
     VALUES ($1, 'Tas anyaman', $3, $2, $2, $4) RETURNING id`,
    [institutionId, user.id, status === 'failed' ? 'failed' : 'scheduled', plannedAt],
  );
  await ds.query(
    `INSERT INTO post_variants (post_id, institution_id, network, caption, render_ids)
     VALUES ($1, $2, 'x', $3, ARRAY[$4]::uuid[])`,
    [post.id, institutionId, `Tas anyaman ${post.id}`, render.id],
  );
  const [target] = await ds.query(
    `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, planned_at,
       next_attempt_at, status, attempt_count, last_error_code, last_error_message)
     VALUES ($1, $2, $3, 'x', $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      post.id,
      institutionId,
      account.id,
      plannedAt,
      status === 'failed' ? null : plannedAt,
      status,
      status === 'failed' ? 1 : 0,
      status === 'failed' ? 'test:rejected' : null,
      status === 'failed' ? 'Ditolak / Rejected' : null,
    ],
  );
  return { postId: post.id as string, targetId: target.id as string, auth: user.auth };
}

async function publishedWithin(targetId: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [{ status }] = await t.dataSource.query(`SELECT status FROM post_targets WHERE id = $1`, [
      targetId,
    ]);
    if (status === 'published') return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const latenessOf = async (targetId: string): Promise<number> =>
  (
    await t.dataSource.query(
      `SELECT lateness_ms FROM publish_attempts WHERE post_target_id = $1 ORDER BY seq DESC LIMIT 1`,
      [targetId],
    )
  ).map((r: { lateness_ms: string }) => Number(r.lateness_ms))[0];

describe('dispatcher wake-ups', () => {
  it('publishes a post moved to a moment from now on time, without waiting for a tick', async () => {
    const { postId, targetId, auth } = await scheduledPost();
    const dueAt = new Date(Date.now() + 2_000);
    await t
      .http()
      .post(`/api/calendar/posts/${postId}/move`)
      .set(auth)
      .send({ plannedAt: dueAt.toISOString() })
      .expect(200);

    expect(await publishedWithin(targetId, 10_000)).toBe(true);
    const lateness = await latenessOf(targetId);
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(2_000);
  }, 30_000);

  it('publishes a retried target at once', async () => {
    const { postId, targetId, auth } = await scheduledPost('failed');
    await t.http().post(`/api/posts/${postId}/targets/${targetId}/retry`).set(auth).expect(200);

    expect(await publishedWithin(targetId, 5_000)).toBe(true);
  }, 30_000);
});
