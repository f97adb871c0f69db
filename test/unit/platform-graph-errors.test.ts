import { describe, expect, it } from '@jest/globals';
import {
  CallPhase,
  classifyGraphError,
  GRAPH_DELAYS,
  GraphFailure,
  regainAccessMinutes,
} from '../../src/platforms/graph/graph-errors';
import type { PlatformErrorKind } from '../../src/platforms/platform-adapter';

const now = new Date('2026-07-01T03:00:00Z');
const MINUTE = 60_000;

function graph(
  code: number,
  extra: {
    subcode?: number;
    transient?: boolean;
    status?: number;
    headers?: Record<string, string>;
  } = {},
): GraphFailure {
  return {
    status: extra.status ?? 400,
    headers: extra.headers ?? {},
    body: {
      code,
      error_subcode: extra.subcode,
      is_transient: extra.transient ?? false,
      message: `(#${code}) test`,
    },
  };
}

function kindOf(failure: GraphFailure, phase: CallPhase = 'commit'): PlatformErrorKind {
  return classifyGraphError('instagram', failure, phase, now).kind;
}

describe('Graph error codes', () => {
  it.each([
    [190, undefined, 'reauthenticate'],
    [190, 458, 'reauthenticate'],
    [190, 460, 'reauthenticate'],
    [190, 463, 'reauthenticate'],
    [190, 467, 'reauthenticate'],
    [102, undefined, 'reauthenticate'],
    [4, undefined, 'retry_later'],
    [17, undefined, 'retry_later'],
    [32, undefined, 'retry_later'],
    [341, undefined, 'retry_later'],
    [613, undefined, 'retry_later'],
    [80001, undefined, 'retry_later'],
    [80007, undefined, 'retry_later'],
    [80014, undefined, 'retry_later'],
    [368, undefined, 'retry_later'],
    [10, undefined, 'rejected'],
    [200, undefined, 'reauthenticate'],
    [250, undefined, 'reauthenticate'],
    [299, undefined, 'reauthenticate'],
    [3, undefined, 'rejected'],
    [100, undefined, 'rejected'],
    [324, undefined, 'rejected'],
  ] as const)('code %d/%s → %s', (code, subcode, kind) => {
    expect(kindOf(graph(code, { subcode }))).toBe(kind);
    // Refusals mean the same in every phase.
    expect(kindOf(graph(code, { subcode }), 'read')).toBe(kind);
  });

  it.each([
    [-1, 2207001, 'prepare', 'retry_later'],
    [-1, 2207001, 'commit', 'unknown_outcome'],
    [-2, 2207003, 'prepare', 'retry_later'],
    [24, 2207008, 'commit', 'retry_later'],
    [9, 2207042, 'commit', 'retry_later'],
    [9004, 2207052, 'prepare', 'rejected'],
    [36000, 2207004, 'prepare', 'rejected'],
    [36001, 2207005, 'prepare', 'rejected'],
    [36003, 2207009, 'prepare', 'rejected'],
    [36004, 2207010, 'prepare', 'rejected'],
    [100, 2207040, 'prepare', 'rejected'],
    [4, 2207051, 'commit', 'rejected'],
    [25, 2207050, 'commit', 'rejected'],
  ] as const)('Instagram %d/%d in %s → %s', (code, subcode, phase, kind) => {
    const error = classifyGraphError('instagram', graph(code, { subcode }), phase, now);
    expect(error.kind).toBe(kind);
    expect(error.platformCode).toBe(`graph:${code}/${subcode}`);
    if (kind === 'rejected') expect(error.reason.id).toMatch(/^Instagram: /);
  });

  it.each([
    ['code 1', graph(1, { status: 500 })],
    ['code 2', graph(2)],
    ['is_transient', graph(12345, { transient: true })],
    ['an unexplained 5xx', graph(999, { status: 503 })],
    ['a 500 without a body', { status: 500, body: null, headers: {} }],
  ] as const)('%s is uncertain on the publishing call and retried elsewhere', (_name, failure) => {
    expect(kindOf(failure, 'commit')).toBe('unknown_outcome');
    expect(kindOf(failure, 'prepare')).toBe('retry_later');
    expect(kindOf(failure, 'read')).toBe('retry_later');
  });

  it('reads a duplicate (506) as "maybe ours" when publishing, a refusal otherwise', () => {
    const error = classifyGraphError('facebook', graph(506), 'commit', now);
    expect(error).toMatchObject({ kind: 'unknown_outcome', duplicate: true });
    expect(kindOf(graph(506), 'read')).toBe('rejected');
  });

  it('refuses an unexplained 4xx with the platform message as reason', () => {
    const error = classifyGraphError('facebook', graph(1_234_567), 'commit', now);
    expect(error.kind).toBe('rejected');
    expect(error.reason.en).toBe('Facebook refused the post: (#1234567) test');
  });
});

describe('transport failures', () => {
  it.each(['timeout', 'connection', 'malformed'] as const)(
    '%s: unknown on commit, retry elsewhere',
    (transport) => {
      const failure: GraphFailure = { status: null, body: null, headers: {}, transport };
      expect(classifyGraphError('facebook', failure, 'commit', now)).toMatchObject({
        kind: 'unknown_outcome',
        platformCode: `network:${transport}`,
      });
      const later = classifyGraphError('facebook', failure, 'read', now);
      expect(later.retryAt).toEqual(new Date(now.getTime() + GRAPH_DELAYS.transient));
    },
  );
});

describe('retry times', () => {
  it('waits the default for each kind of throttle', () => {
    const at = (f: GraphFailure) =>
      classifyGraphError('instagram', f, 'commit', now).retryAt?.getTime();
    expect(at(graph(4))).toBe(now.getTime() + GRAPH_DELAYS.rateLimit);
    expect(at(graph(368))).toBe(now.getTime() + 24 * 60 * MINUTE);
    expect(at(graph(24, { subcode: 2207008 }))).toBe(
      now.getTime() + GRAPH_DELAYS.containerNotReady,
    );
    expect(at(graph(9, { subcode: 2207042 }))).toBe(now.getTime() + GRAPH_DELAYS.quota);
  });

  it('prefers estimated_time_to_regain_access, the largest across business ids', () => {
    const header = JSON.stringify({
      '111': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 3 }],
      '222': [
        { type: 'instagram', call_count: 90, estimated_time_to_regain_access: 0 },
        { type: 'ads_management', call_count: 100, estimated_time_to_regain_access: 42 },
      ],
    });
    const error = classifyGraphError(
      'instagram',
      graph(80002, { headers: { 'x-business-use-case-usage': header } }),
      'commit',
      now,
    );
    expect(error.retryAt).toEqual(new Date(now.getTime() + 42 * MINUTE));
  });

  it.each([
    [undefined, 0],
    ['not json', 0],
    ['{"1":"x"}', 0],
    ['{"1":[{"estimated_time_to_regain_access":"7"}]}', 7],
  ])('regain-access header %s → %d minutes', (header, minutes) => {
    expect(regainAccessMinutes(header)).toBe(minutes);
  });
});
