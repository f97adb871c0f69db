/** Set-up for the dispatcher tests: scheduled posts with sandbox targets due a minute ago. */
import { Role } from '../../src/auth/roles';
import type { TestApp } from '../support/app';
import {
  makeInstitution,
  makeRender,
  makeSignedInUser,
  makeSocialAccount,
} from '../support/factories';

// 10 March 2026, 09:00 WIB: no blackout.
export const NOW = new Date('2026-03-10T02:00:00Z');
export const DUE = new Date(NOW.getTime() - 60_000);
export type Network = 'instagram' | 'facebook' | 'x';

export interface World {
  institutionId: string;
  auth: { Authorization: string };
  userId: string;
}

export async function world(t: TestApp): Promise<World> {
  const institutionId = (await makeInstitution(t.dataSource)).id;
  const user = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
  return { institutionId, auth: user.auth, userId: user.id };
}

/** An approved, scheduled post with one sandbox target per network, due a minute ago. */
export async function duePost(
  t: TestApp,
  w: World,
  networks: Network[] = ['instagram', 'facebook', 'x'],
  caption = (network: Network) => `Kemeja batik karya warga binaan ${network}`,
) {
  const ds = t.dataSource;
  const render = await makeRender(ds, w.institutionId);
  const [post] = await ds.query(
    `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
     VALUES ($1, 'Kemeja batik', 'scheduled', $2, $2, $3) RETURNING id`,
    [w.institutionId, w.userId, DUE],
  );
  const targets: string[] = [];
  for (const network of networks) {
    const account = await makeSocialAccount(ds, w.institutionId, { network });
    await ds.query(
      `INSERT INTO post_variants (post_id, institution_id, network, caption, render_ids)
       VALUES ($1, $2, $3, $4, ARRAY[$5]::uuid[])`,
      [post.id, w.institutionId, network, caption(network), render.id],
    );
    const [target] = await ds.query(
      `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, planned_at,
         next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [post.id, w.institutionId, account.id, network, DUE],
    );
    targets.push(target.id);
  }
  return { postId: post.id as string, targets };
}
