/**
 * Failed-login limits, kept in process memory over a sliding window. Two counters: per email
 * (slows guessing one account's password) and per client IP (slows spraying many accounts).
 * An attempt counts as a failure as soon as it starts, so parallel guesses cannot all slip past
 * the check while their passwords are being verified; a success takes it back and clears the
 * email's counter. With several API processes each keeps its own counters.
 */
export interface LoginRateLimitOptions {
  windowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  /** Bound on tracked keys, so a spray of distinct emails cannot grow memory without limit. */
  maxTrackedKeys: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
  maxTrackedKeys: 50_000,
};

export type LoginRateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginRateLimiter {
  /** Failure times (ms) per key, oldest first; Map order is least recently failed first. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT) {}

  /** Refuses when a limit is reached; otherwise counts the attempt as a failure until told else. */
  attempt(email: string, ip: string, now: Date): LoginRateDecision {
    const at = now.getTime();
    const wait = Math.max(
      this.waitMs(emailKey(email), this.options.maxFailuresPerEmail, at),
      this.waitMs(ipKey(ip), this.options.maxFailuresPerIp, at),
    );
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    this.push(emailKey(email), at);
    this.push(ipKey(ip), at);
    return { allowed: true };
  }

  /** The attempt started at `attemptedAt` succeeded: forget the email's failures and this one. */
  succeeded(email: string, ip: string, attemptedAt: Date): void {
    this.failures.delete(emailKey(email));
    const times = this.failures.get(ipKey(ip));
    const index = times?.lastIndexOf(attemptedAt.getTime()) ?? -1;
    if (times && index >= 0) {
      times.splice(index, 1);
      if (times.length === 0) this.failures.delete(ipKey(ip));
    }
  }

  /** Number of keys held; exposed for the memory-bound test. */
  get trackedKeys(): number {
    return this.failures.size;
  }

  private waitMs(key: string, max: number, at: number): number {
    const recent = this.recent(key, at);
    if (recent.length < max) return 0;
    // Blocked until enough failures leave the window to get back under the limit.
    return recent[recent.length - max] + this.options.windowMs - at;
  }

  /** The key's failures inside the window; older ones are dropped from memory. */
  private recent(key: string, at: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const from = at - this.options.windowMs;
    const recent = times.filter((t) => t > from);
    if (recent.length === 0) this.failures.delete(key);
    else if (recent.length !== times.length) this.failures.set(key, recent);
    return recent;
  }

  private push(key: string, at: number): void {
    const times = [...this.recent(key, at), at];
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > this.options.maxTrackedKeys) this.evict(at);
  }

  /** Drops expired keys, then the least recently failed ones, leaving room to spare. */
  private evict(at: number): void {
    const target = Math.floor(this.options.maxTrackedKeys * 0.9);
    for (const key of [...this.failures.keys()]) this.recent(key, at);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= target) break;
      this.failures.delete(key);
    }
  }
}

const emailKey = (email: string): string => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string): string => `ip:${ip}`;
