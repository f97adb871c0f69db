/**
 * Every Graph error class Instagram can answer lands in the right taxonomy entry, driven through
 * the real SDK against the Graph fake's scripted failures.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PlatformErrorKind } from '../../src/platforms/platform-adapter';
import { FailureMatch, FailureMode } from '../support/fakes/fake-http';
import { businessUseCaseHeader, graphError } from '../support/fakes/graph-rules';
import { InstagramWorld, platformError as failure } from '../support/fakes/instagram-world';

process.env.NO_PROXY = '127.0.0.1,localhost';

const HOUR = 3_600_000;
const world = new InstagramWorld();
const { clock, fake, account } = world;
const content = (caption?: string, count?: number) => world.content(caption, count);

beforeAll(() => world.start());
afterAll(() => world.stop());
beforeEach(() => fake.reset());

describe('errors land in the taxonomy', () => {
  const publishCall: FailureMatch = { method: 'POST', path: '/media_publish' };
  const containerCall: FailureMatch = { method: 'POST', path: /\/media$/ };
  const cases: Array<[string, FailureMode, FailureMatch, PlatformErrorKind]> = [
    ['5xx creating the container', 'server_error', containerCall, 'retry_later'],
    ['5xx on media_publish', 'server_error', publishCall, 'unknown_outcome'],
    ['timeout on media_publish', 'timeout', publishCall, 'unknown_outcome'],
    ['connection dropped on media_publish', 'drop', publishCall, 'unknown_outcome'],
    ['published, then a 500', 'error_after_side_effect', publishCall, 'unknown_outcome'],
    [
      'published, then the connection dropped',
      'drop_after_side_effect',
      publishCall,
      'unknown_outcome',
    ],
    ['timeout reading the quota', 'timeout', { path: 'content_publishing_limit' }, 'retry_later'],
    ['expired token (190/463)', 'expired_token', {}, 'reauthenticate'],
    ['session invalidated (102)', graphError({ code: 102 }), {}, 'reauthenticate'],
    ['app rate limit (4)', 'rate_limited', containerCall, 'retry_later'],
    ['user rate limit (17)', graphError({ code: 17 }), containerCall, 'retry_later'],
    ['page rate limit (32)', graphError({ code: 32 }), publishCall, 'retry_later'],
    ['too many calls (613)', graphError({ code: 613 }), publishCall, 'retry_later'],
    [
      'transient (is_transient)',
      graphError({ code: 1, isTransient: true, status: 500 }),
      containerCall,
      'retry_later',
    ],
    [
      'transient on publish',
      graphError({ code: 2, isTransient: true, status: 503 }),
      publishCall,
      'unknown_outcome',
    ],
    ['policy block (368)', graphError({ code: 368 }), publishCall, 'retry_later'],
    ['permission (10)', graphError({ code: 10 }), containerCall, 'rejected'],
    ['permission not granted (200)', graphError({ code: 200 }), containerCall, 'reauthenticate'],
    ['capability (3)', graphError({ code: 3 }), containerCall, 'rejected'],
    ['invalid parameter (100)', graphError({ code: 100 }), containerCall, 'rejected'],
    [
      'server (-1/2207001) creating',
      graphError({ code: -1, subcode: 2207001, status: 500 }),
      containerCall,
      'retry_later',
    ],
    [
      'server (-1/2207001) publishing',
      graphError({ code: -1, subcode: 2207001, status: 500 }),
      publishCall,
      'unknown_outcome',
    ],
    [
      'download timeout (-2/2207003)',
      graphError({ code: -2, subcode: 2207003 }),
      containerCall,
      'retry_later',
    ],
    [
      'container not found yet (24/2207008)',
      graphError({ code: 24, subcode: 2207008 }),
      publishCall,
      'retry_later',
    ],
    [
      'quota reached (9/2207042)',
      graphError({ code: 9, subcode: 2207042 }),
      publishCall,
      'retry_later',
    ],
    ['spam (4/2207051)', graphError({ code: 4, subcode: 2207051 }), publishCall, 'rejected'],
    [
      'restricted (25/2207050)',
      graphError({ code: 25, subcode: 2207050 }),
      publishCall,
      'rejected',
    ],
    [
      'too big (36000/2207004)',
      graphError({ code: 36000, subcode: 2207004 }),
      containerCall,
      'rejected',
    ],
    [
      'caption too long (36004/2207010)',
      graphError({ code: 36004, subcode: 2207010 }),
      containerCall,
      'rejected',
    ],
    [
      'too many tags (100/2207040)',
      graphError({ code: 100, subcode: 2207040 }),
      containerCall,
      'rejected',
    ],
  ];

  const named = cases.map(
    ([name, mode, match, kind]) => [`${name} → ${kind}`, mode, match, kind] as const,
  );
  it.each(named)('%s', async (_name, mode, match, kind) => {
    fake.failNext(1, mode, match);
    const error = await failure(world.adapter.publish(account, content()));
    expect(error.kind).toBe(kind);
    expect(error.network).toBe('instagram');
    if (mode === 'timeout') expect(error.platformCode).toBe('network:timeout');
    if (kind === 'retry_later')
      expect(error.retryAt?.getTime()).toBeGreaterThan(clock.now().getTime() - 1);
    if (kind === 'rejected') expect(error.reason.id).toMatch(/\S/);
    if (kind === 'unknown_outcome')
      expect(error.containerId).toBe([...fake.containers.keys()].at(-1));
  });

  it('honours estimated_time_to_regain_access from X-Business-Use-Case-Usage', async () => {
    fake.failNext(
      1,
      graphError({
        code: 80002,
        headers: { 'X-Business-Use-Case-Usage': businessUseCaseHeader(7) },
      }),
      { path: 'content_publishing_limit' },
    );
    const error = await failure(world.adapter.publish(account, content()));
    expect(error.kind).toBe('retry_later');
    expect(error.retryAt).toEqual(new Date(clock.now().getTime() + 7 * 60_000));
  });

  it('waits a day after a policy block', async () => {
    fake.failNext(1, graphError({ code: 368 }), publishCall);
    const error = await failure(world.adapter.publish(account, content()));
    expect(error.retryAt?.getTime()).toBeGreaterThanOrEqual(clock.now().getTime() + 24 * HOUR);
  });

  it.each([
    ['a PNG (36001/2207005)', 'png', 'graph:36001/2207005'],
    ['an aspect ratio of 2:1 (36003/2207009)', 'wide', 'graph:36003/2207009'],
    ['an unreachable image URL (9004/2207052)', 'missing', 'graph:9004/2207052'],
  ] as const)('refuses %s after fetching the image', async (_name, image, code) => {
    const error = await failure(
      world.adapter.publish(account, {
        ...content(),
        images: [{ url: world.urls[image], altText: '' }],
      }),
    );
    expect(error).toMatchObject({ kind: 'rejected', platformCode: code });
    expect(fake.media.size).toBe(0);
  });

  it.each([
    [{ status: 'ERROR', subcode: 2207052 }, 'rejected'],
    [{ status: 'ERROR', subcode: 2207001 }, 'retry_later'],
    [{ status: 'ERROR', subcode: 2207003 }, 'retry_later'],
    [{ status: 'EXPIRED' }, 'retry_later'],
  ] as const)('a container ending %j → %s', async (outcome, kind) => {
    fake.scriptContainer(outcome);
    const error = await failure(world.adapter.publish(account, content()));
    expect(error.kind).toBe(kind);
    expect(fake.find('POST', '/media_publish')).toHaveLength(0);
  });

  it('refuses content that breaks the rules before calling Instagram', async () => {
    const error = await failure(world.adapter.publish(account, content('#a '.repeat(31))));
    expect(error).toMatchObject({ kind: 'rejected', platformCode: 'karya:caption.max_hashtags' });
    expect(fake.requests).toHaveLength(0);
  });
});
