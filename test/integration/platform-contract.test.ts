/**
 * The retry contract, followed to the letter, gives "exactly once" on every adapter: with a fifth
 * of all calls failing at random (5xx, 429, timeouts, dropped connections, failures after the
 * post was made), a caller that retries `retry_later` and reconciles every `unknown_outcome`
 * before retrying ends with each post on the platform exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { FacebookAdapter } from '../../src/platforms/facebook/facebook.adapter';
import { InstagramAdapter } from '../../src/platforms/instagram/instagram.adapter';
import {
  PlatformAccount,
  PlatformAdapter,
  PlatformError,
  PublishContent,
  PublishedPost,
} from '../../src/platforms/platform-adapter';
import { XAdapter } from '../../src/platforms/x/x.adapter';
import { FailureMode, ImageHost } from '../support/fakes/fake-http';
import { jpeg } from '../support/fakes/fake-images';
import { GraphApiFake } from '../support/fakes/graph-api.fake';
import { XApiFake } from '../support/fakes/x-api.fake';

process.env.NO_PROXY = '127.0.0.1,localhost';

const POSTS = 12;
const MODES: FailureMode[] = [
  'server_error',
  'rate_limited',
  'timeout',
  'drop',
  'error_after_side_effect',
  'drop_after_side_effect',
];
const clock = new FrozenClock(new Date('2026-07-01T03:00:00Z'));
const graph = new GraphApiFake({ now: () => clock.now(), pollsUntilFinished: 0 });
const x = new XApiFake({ now: () => clock.now() });
const images = new ImageHost();
let photo: string;

/** What the dispatcher will do, reduced to the contract (no waiting for retryAt). */
async function publishOnce(
  adapter: PlatformAdapter,
  account: PlatformAccount,
  content: PublishContent,
): Promise<PublishedPost> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const since = clock.now();
    try {
      return await adapter.publish(account, content);
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      if (error.kind === 'rejected' || error.kind === 'reauthenticate') throw error;
      if (error.kind === 'unknown_outcome') {
        const query = {
          marker: content.marker,
          caption: content.caption,
          since,
          containerId: error.containerId,
        };
        const found = await reconcileUntilAnswered(adapter, account, query);
        if (found) return found;
      }
    }
  }
  throw new Error(`gave up on ${content.marker}`);
}

async function reconcileUntilAnswered(
  adapter: PlatformAdapter,
  account: PlatformAccount,
  query: Parameters<PlatformAdapter['reconcile']>[1],
): Promise<PublishedPost | null> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const result = await adapter.reconcile(account, query);
      return result.status === 'found' ? result : null;
    } catch (error) {
      if (!(error instanceof PlatformError) || error.kind !== 'retry_later') throw error;
    }
  }
  throw new Error('reconcile never answered');
}

async function publishAll(adapter: PlatformAdapter, account: PlatformAccount): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const content = {
      caption: `Produk WBP nomor ${i} — kerajinan tangan #karya`,
      marker: `target-${i}`,
      images: [{ url: photo, altText: `Produk ${i}` }],
    };
    ids.push((await publishOnce(adapter, account, content)).platformPostId);
  }
  return ids;
}

beforeAll(async () => {
  await Promise.all([graph.start(), x.start(), images.start()]);
  photo = images.add('p.jpg', await jpeg(1080, 1080));
  graph.addInstagramAccount('ig-c', 'tok-ig');
  graph.addPage('page-c', 'tok-fb');
  x.addUser('x-c', 'akun');
});

afterAll(async () => {
  await Promise.all([graph.stop(), x.stop(), images.stop()]);
});

describe('exactly once under random failures', () => {
  it('Instagram', async () => {
    graph.failRandomly(0.2, { seed: 7, modes: MODES });
    const adapter = new InstagramAdapter(
      {
        baseUrl: graph.url,
        timeoutMs: 200,
        publishLimit: 50,
        poll: { firstDelayMs: 1, maxDelayMs: 5, budgetMs: 5_000 },
      },
      clock,
    );
    const ids = await publishAll(adapter, {
      externalId: 'ig-c',
      credentials: { type: 'graph', accessToken: 'tok-ig' },
    });
    const media = graph.mediaOf('ig-c');
    expect(media).toHaveLength(POSTS);
    expect(new Set(media.map((m) => m.caption)).size).toBe(POSTS);
    expect(new Set(ids)).toEqual(new Set(media.map((m) => m.id)));
    expect(graph.requests.some((r) => r.failure === 'drop_after_side_effect')).toBe(true);
  });

  it('Facebook', async () => {
    graph.reset();
    graph.failRandomly(0.2, { seed: 11, modes: MODES });
    const adapter = new FacebookAdapter({ baseUrl: graph.url, timeoutMs: 200 }, clock);
    const ids = await publishAll(adapter, {
      externalId: 'page-c',
      credentials: { type: 'graph', accessToken: 'tok-fb' },
    });
    const posts = graph.postsOf('page-c');
    expect(posts).toHaveLength(POSTS);
    expect(new Set(ids)).toEqual(new Set(posts.map((p) => p.id)));
  });

  it('X', async () => {
    x.failRandomly(0.2, { seed: 5, modes: MODES });
    const adapter = new XAdapter({ baseUrl: x.url, timeoutMs: 200 }, clock);
    const tokens = x.grant('x-c', 'client', 86_400);
    const account: PlatformAccount = {
      externalId: 'x-c',
      credentials: { type: 'x_oauth2', ...tokens, expiresAt: '2026-07-02T03:00:00Z' },
    };
    const ids = await publishAll(adapter, account);
    const tweets = x.tweetsOf('x-c');
    expect(tweets).toHaveLength(POSTS);
    expect(new Set(ids)).toEqual(new Set(tweets.map((t) => t.id)));
    expect(x.requests.filter((r) => r.failure).length).toBeGreaterThan(5);
  });
});
