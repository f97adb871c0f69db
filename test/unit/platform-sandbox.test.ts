import { describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { PlatformError } from '../../src/platforms/platform-adapter';
import { METRIC_NAMES } from '../../src/platforms/platform-metrics';
import { SandboxAdapter } from '../../src/platforms/sandbox/sandbox.adapter';
import {
  parseSandboxPostId,
  simulateFollowers,
  simulateMetrics,
} from '../../src/platforms/sandbox/sandbox-simulation';

const HOUR = 3_600_000;
const start = new Date('2026-07-01T03:00:00Z');
const account = { externalId: 'sandbox:default', credentials: { type: 'sandbox' as const } };
const content = {
  caption: 'Batik tulis karya WBP Lapas Perempuan Malang',
  marker: 'target-42',
  images: [{ url: 'https://karya.example/r/1.jpg', altText: 'Kain batik' }],
};

function sandbox(network: 'instagram' | 'facebook' | 'x', clock = new FrozenClock(start)) {
  return new SandboxAdapter(network, { publicBaseUrl: 'https://karya.example' }, clock);
}

describe('sandbox publishing', () => {
  it('publishes nothing outside and links to the app’s sandbox feed', async () => {
    const published = await sandbox('instagram').publish(account, content);
    expect(published.platformPostId).toMatch(/^sbx-instagram-[0-9a-z]+-[0-9a-f]{8}$/);
    expect(published.permalink).toBe(`https://karya.example/#/sandbox/${published.platformPostId}`);
    expect(parseSandboxPostId(published.platformPostId)).toEqual({
      network: 'instagram',
      publishedAt: start,
    });
  });

  it('gives the same id for the same target at the same time', async () => {
    const a = await sandbox('x').publish(account, content);
    const b = await sandbox('x').publish(account, content);
    const other = await sandbox('x').publish(account, { ...content, marker: 'target-43' });
    expect(a).toEqual(b);
    expect(other.platformPostId).not.toBe(a.platformPostId);
  });

  it('applies the imitated network’s rules, so training shows real refusals', async () => {
    const tooLong = { ...content, caption: 'x'.repeat(281) };
    await expect(sandbox('instagram').publish(account, tooLong)).resolves.toBeDefined();
    const error = await sandbox('x')
      .publish(account, tooLong)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({
      kind: 'rejected',
      platformCode: 'karya:caption.max_weighted_length',
    });
  });

  it('finds a post by its id and nothing without one', async () => {
    const adapter = sandbox('facebook');
    const { platformPostId, permalink } = await adapter.publish(account, content);
    const query = { marker: 'target-42', caption: content.caption, since: start };
    expect(await adapter.reconcile(account, { ...query, platformPostId })).toEqual({
      status: 'found',
      platformPostId,
      permalink,
    });
    expect(await adapter.reconcile(account, query)).toEqual({ status: 'not_found' });
    expect(await adapter.refreshCredentials()).toEqual({ status: 'not_needed' });
    expect(await adapter.deletePost()).toBe('deleted');
  });
});

describe('simulated engagement', () => {
  it.each(['instagram', 'facebook', 'x'] as const)(
    '%s: every metric known, deterministic, growing with time, mostly within two days',
    async (network) => {
      const clock = new FrozenClock(start);
      const adapter = sandbox(network, clock);
      const { platformPostId } = await adapter.publish(account, content);
      const at = (hours: number) =>
        simulateMetrics(network, platformPostId, new Date(start.getTime() + hours * HOUR));

      expect(Object.keys(at(1)).sort()).toEqual([...METRIC_NAMES[network]].sort());
      expect(Object.values(at(0)).every((v) => v === 0)).toBe(true);
      expect(at(30)).toEqual(at(30));
      const series = [1, 6, 24, 48, 24 * 7].map(at);
      for (let i = 1; i < series.length; i++) {
        for (const name of METRIC_NAMES[network]) {
          expect(series[i][name]).toBeGreaterThanOrEqual(series[i - 1][name] as number);
        }
      }
      const headline = METRIC_NAMES[network][0];
      expect(series[3][headline] as number).toBeGreaterThan(0.9 * (series[4][headline] as number));

      clock.set(new Date(start.getTime() + 48 * HOUR));
      expect((await adapter.fetchMetrics(account, platformPostId)).metrics).toEqual(at(48));
    },
  );

  it('differs between posts', () => {
    const t = new Date(start.getTime() + 72 * HOUR);
    const a = simulateMetrics(
      'instagram',
      `sbx-instagram-${start.getTime().toString(36)}-aaaaaaaa`,
      t,
    );
    const b = simulateMetrics(
      'instagram',
      `sbx-instagram-${start.getTime().toString(36)}-bbbbbbbb`,
      t,
    );
    expect(a).not.toEqual(b);
  });

  it('grows followers slowly and deterministically', async () => {
    const clock = new FrozenClock(start);
    const adapter = sandbox('instagram', clock);
    const today = await adapter.fetchFollowers(account);
    clock.advance(30 * 24 * HOUR);
    const later = await adapter.fetchFollowers(account);
    expect(later).toBeGreaterThan(today as number);
    expect(later).toBe(simulateFollowers('instagram', 'sandbox:default', clock.now()));
  });
});
