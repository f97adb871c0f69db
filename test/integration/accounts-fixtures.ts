/** Set-up for the live-account tests: an app pointed at the platform fakes, and due live posts. */
import { randomBytes } from 'node:crypto';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, type TestApp } from '../support/app';
import { makeInstitution, makeRender, makeSignedInUser } from '../support/factories';
import type { ImageHost } from '../support/fakes/fake-http';
import { jpeg } from '../support/fakes/fake-images';

// 10 March 2026, 09:00 WIB: no blackout.
export const NOW = new Date('2026-03-10T02:00:00Z');
export const X_CLIENT = { id: 'karya-client', secret: 'karya-secret' };
export const META_APP = { id: 'karya-meta-app', secret: 'karya-meta-secret' };

export function encryptionKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The app with its platform endpoints on the fakes; rendered images are served by `images`
 * (PUBLIC_BASE_URL points there, so X downloads what Karya would serve).
 */
export function liveTestApp(
  clock: FrozenClock,
  urls: { x?: string; graph?: string; imagesUrl: string },
  env: Record<string, string> = {},
): Promise<TestApp> {
  return createTestApp({
    clock,
    env: {
      ROLE: 'api',
      PUBLIC_BASE_URL: `${urls.imagesUrl}/media`,
      ...(urls.x ? { X_API_BASE_URL: urls.x } : {}),
      ...(urls.graph ? { GRAPH_API_BASE_URL: urls.graph } : {}),
      X_CLIENT_ID: X_CLIENT.id,
      X_CLIENT_SECRET: X_CLIENT.secret,
      META_APP_ID: META_APP.id,
      META_APP_SECRET: META_APP.secret,
      ...env,
    },
  });
}

export interface LiveWorld {
  institutionId: string;
  userId: string;
  auth: { Authorization: string };
}

export async function liveWorld(t: TestApp, role = Role.Admin): Promise<LiveWorld> {
  const institutionId = (await makeInstitution(t.dataSource)).id;
  const user = await makeSignedInUser(t.dataSource, { role, institutionId });
  return { institutionId, userId: user.id, auth: user.auth };
}

/** A scheduled post with one target on `accountId`, due a minute ago, its image on `images`. */
export async function dueLivePost(
  t: TestApp,
  w: LiveWorld,
  images: ImageHost,
  account: { id: string; network: 'instagram' | 'facebook' | 'x' },
  caption: string,
): Promise<{ postId: string; targetId: string }> {
  const ds = t.dataSource;
  const due = new Date(t.clock.now().getTime() - 60_000);
  const render = await makeRender(ds, w.institutionId);
  images.add(`r/${render.publicToken}.jpg`, await jpeg(1080, 1350));
  const [post] = await ds.query(
    `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
     VALUES ($1, 'Kemeja batik', 'scheduled', $2, $2, $3) RETURNING id`,
    [w.institutionId, w.userId, due],
  );
  await ds.query(
    `INSERT INTO post_variants (post_id, institution_id, network, caption, render_ids)
     VALUES ($1, $2, $3, $4, ARRAY[$5]::uuid[])`,
    [post.id, w.institutionId, account.network, caption, render.id],
  );
  const [target] = await ds.query(
    `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, planned_at,
       next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [post.id, w.institutionId, account.id, account.network, due],
  );
  return { postId: post.id, targetId: target.id };
}
