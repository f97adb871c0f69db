/**
 * The Instagram adapter wired to a Graph fake and an image host, for the adapter's tests:
 * `start()` in beforeAll, `stop()` in afterAll, `fake.reset()` between tests.
 */
import { expect } from '@jest/globals';
import { FrozenClock } from '../../../src/common/clock';
import { InstagramAdapter } from '../../../src/platforms/instagram/instagram.adapter';
import {
  PlatformAccount,
  PlatformError,
  PublishContent,
} from '../../../src/platforms/platform-adapter';
import { ImageHost } from './fake-http';
import { jpeg, png } from './fake-images';
import { GraphApiFake } from './graph-api.fake';

export type ImageName = 'square' | 'second' | 'third' | 'png' | 'wide' | 'missing';

export class InstagramWorld {
  readonly clock = new FrozenClock(new Date('2026-07-01T03:00:00Z'));
  readonly fake = new GraphApiFake({ now: () => this.clock.now() });
  readonly images = new ImageHost();
  readonly account: PlatformAccount = {
    externalId: '17841400000000001',
    credentials: { type: 'graph', accessToken: 'page-token-ig' },
  };
  adapter!: InstagramAdapter;
  urls!: Record<ImageName, string>;

  async start(): Promise<void> {
    await Promise.all([this.fake.start(), this.images.start()]);
    this.fake.addInstagramAccount(this.account.externalId, 'page-token-ig');
    this.urls = {
      square: this.images.add('a.jpg', await jpeg(1080, 1080)),
      second: this.images.add('b.jpg', await jpeg(1080, 1350, '#884422')),
      third: this.images.add('c.jpg', await jpeg(1440, 754, '#224488')),
      png: this.images.add('d.png', await png(1080, 1080), 'image/png'),
      wide: this.images.add('e.jpg', await jpeg(1400, 700)),
      missing: `${this.images.add('gone.jpg', Buffer.alloc(0))}-not-there`,
    };
    this.adapter = new InstagramAdapter(
      {
        baseUrl: this.fake.url,
        timeoutMs: 1_000,
        publishLimit: 50,
        poll: { firstDelayMs: 5, maxDelayMs: 20, budgetMs: 10_000 },
      },
      this.clock,
    );
  }

  async stop(): Promise<void> {
    await Promise.all([this.fake.stop(), this.images.stop()]);
  }

  content(caption = 'Kursi rotan buatan WBP Lapas Cipinang #karyawbp', count = 1): PublishContent {
    const pool = [this.urls.square, this.urls.second, this.urls.third];
    return {
      caption,
      marker: 'target-1',
      images: pool.slice(0, count).map((url, i) => ({ url, altText: `Foto produk ${i + 1}` })),
    };
  }
}

/** The PlatformError a call rejects with (fails the test if it resolves or throws another). */
export async function platformError(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}
