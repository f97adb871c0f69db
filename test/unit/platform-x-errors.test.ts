import { describe, expect, it } from '@jest/globals';
import {
  classifyXError,
  describe as describeBody,
  rateLimitReset,
  X_DELAYS,
  XFailure,
} from '../../src/platforms/x/x-errors';

const now = new Date('2026-07-01T03:00:00Z');
const epoch = (ms: number) => String(Math.floor(ms / 1000));

function status(code: number, data: unknown = {}, headers: Record<string, string> = {}): XFailure {
  return { status: code, data, headers };
}

const duplicate = status(403, {
  title: 'Forbidden',
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  status: 403,
});

describe('X statuses', () => {
  it.each([
    [400, 'rejected'],
    [401, 'reauthenticate'],
    [403, 'reauthenticate'],
    [404, 'rejected'],
    [413, 'rejected'],
    [429, 'retry_later'],
  ] as const)('%d → %s in any phase', (code, kind) => {
    expect(classifyXError(status(code), 'commit', now).kind).toBe(kind);
    expect(classifyXError(status(code), 'prepare', now).kind).toBe(kind);
  });

  it.each([500, 502, 503, 504])('%d: unknown when posting, retry when uploading', (code) => {
    expect(classifyXError(status(code), 'commit', now).kind).toBe('unknown_outcome');
    expect(classifyXError(status(code), 'prepare', now)).toMatchObject({
      kind: 'retry_later',
      retryAt: new Date(now.getTime() + X_DELAYS.transient),
    });
  });

  it('reads a duplicate refusal on the post as "maybe already posted"', () => {
    expect(classifyXError(duplicate, 'commit', now)).toMatchObject({
      kind: 'unknown_outcome',
      duplicate: true,
      platformCode: 'x:403:duplicate',
    });
    const v1 = status(403, { errors: [{ code: 187, message: 'Status is a duplicate.' }] });
    expect(classifyXError(v1, 'commit', now).duplicate).toBe(true);
  });

  it('keeps the platform detail for the publishing log', () => {
    const error = classifyXError(
      status(400, {
        errors: [{ message: 'Your media IDs are invalid.' }],
        detail: 'One or more parameters…',
      }),
      'commit',
      now,
    );
    expect(error.detail).toBe('Your media IDs are invalid.');
    expect(error.reason.en).toBe('X refused the post: Your media IDs are invalid.');
  });
});

describe('network failures', () => {
  it('retries a refused connection even when posting: nothing was sent', () => {
    const failure: XFailure = { status: null, data: null, headers: {}, transport: 'refused' };
    expect(classifyXError(failure, 'commit', now).kind).toBe('retry_later');
  });

  it.each(['timeout', 'connection', 'malformed'] as const)(
    '%s is unknown when posting',
    (transport) => {
      const failure: XFailure = { status: null, data: null, headers: {}, transport };
      expect(classifyXError(failure, 'commit', now).kind).toBe('unknown_outcome');
      expect(classifyXError(failure, 'read', now).kind).toBe('retry_later');
    },
  );
});

describe('rate-limit reset', () => {
  it('retries a 429 at x-rate-limit-reset', () => {
    const reset = now.getTime() + 7 * 60_000;
    const error = classifyXError(
      status(429, {}, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': epoch(reset) }),
      'commit',
      now,
    );
    expect(error.retryAt).toEqual(new Date(reset));
  });

  it('waits for the 24-hour user window when that is the one used up', () => {
    const soon = now.getTime() + 60_000;
    const tomorrow = now.getTime() + 20 * 3_600_000;
    const at = rateLimitReset(
      {
        'x-rate-limit-remaining': '150',
        'x-rate-limit-reset': epoch(soon),
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': epoch(tomorrow),
      },
      now,
    );
    expect(at).toEqual(new Date(tomorrow));
  });

  it('falls back to 15 minutes without headers and never retries in the past', () => {
    expect(rateLimitReset({}, now)).toEqual(new Date(now.getTime() + X_DELAYS.rateLimit));
    const past = rateLimitReset({ 'x-rate-limit-reset': epoch(now.getTime() - 60_000) }, now);
    expect(past).toEqual(new Date(now.getTime() + 1000));
  });
});

describe('error bodies', () => {
  it.each([
    [{ detail: 'Too Many Requests', title: 'x' }, 'Too Many Requests'],
    [{ errors: [{ message: 'v1 style' }] }, 'v1 style'],
    [
      { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
      'Value passed for the token was invalid.',
    ],
    ['plain text', 'plain text'],
    [null, undefined],
  ])('%j → %s', (data, text) => {
    expect(describeBody(data)).toBe(text);
  });
});
