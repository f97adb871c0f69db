/**
 * When to try a target again after `retry_later` or a reconcile that found nothing. Exponential
 * backoff with jitter (so targets that failed together do not retry together), never earlier than
 * the platform's own reset time, and a cap on attempts after which the target fails for good.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 8,
};

export interface RetryInput {
  /** Attempts made so far, including the one that just failed (1 after the first). */
  attempts: number;
  now: Date;
  /** The platform's reset or quota time, when it gave one. */
  retryAt?: Date;
  /** A number in [0, 1); injected so tests are deterministic. */
  random: number;
}

export type RetryDecision = { retry: true; at: Date } | { retry: false };

/** Backoff before attempt `attempts + 1`: base·2^(attempts−1), capped, scaled into [½, 1]. */
export function backoffMs(attempts: number, random: number, policy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, attempts - 1);
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(full / 2 + (full / 2) * random);
}

export function nextRetry(input: RetryInput, policy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (input.attempts >= policy.maxAttempts) return { retry: false };
  const backoff = input.now.getTime() + backoffMs(input.attempts, input.random, policy);
  const at = Math.max(backoff, input.retryAt?.getTime() ?? 0);
  return { retry: true, at: new Date(at) };
}
