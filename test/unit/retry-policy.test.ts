import { describe, expect, it } from '@jest/globals';
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  nextRetry,
} from '../../src/publishing/dispatcher/retry-policy';

const NOW = new Date('2026-03-10T02:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('retry policy', () => {
  it('waits about the base delay after the first failure, jittered into [½, 1]', () => {
    expect(nextRetry({ attempts: 1, now: NOW, random: 0 })).toEqual({
      retry: true,
      at: at(15_000),
    });
    expect(nextRetry({ attempts: 1, now: NOW, random: 0.999999 })).toEqual({
      retry: true,
      at: at(30_000),
    });
  });

  it('doubles the delay with every attempt', () => {
    expect(backoffMs(2, 1)).toBe(60_000);
    expect(backoffMs(3, 1)).toBe(120_000);
    expect(backoffMs(4, 0.5)).toBe(180_000);
  });

  it('never waits longer than the cap', () => {
    expect(backoffMs(30, 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('retries a 429 after the reset time when the reset is later than the backoff', () => {
    const reset = at(15 * 60_000);
    expect(nextRetry({ attempts: 1, now: NOW, random: 0.5, retryAt: reset })).toEqual({
      retry: true,
      at: reset,
    });
  });

  it('keeps the backoff when the reset time is already near', () => {
    expect(nextRetry({ attempts: 2, now: NOW, random: 1, retryAt: at(1_000) })).toEqual({
      retry: true,
      at: at(60_000),
    });
  });

  it('gives up after the maximum number of attempts', () => {
    expect(nextRetry({ attempts: 8, now: NOW, random: 0.5 })).toEqual({ retry: false });
    expect(nextRetry({ attempts: 7, now: NOW, random: 0.5 }).retry).toBe(true);
  });

  it('spreads targets that failed together', () => {
    const times = [0.1, 0.4, 0.9].map((random) => backoffMs(3, random));
    expect(new Set(times).size).toBe(3);
  });
});
