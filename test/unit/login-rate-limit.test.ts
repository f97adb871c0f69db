import { describe, expect, it } from '@jest/globals';
import { FrozenClock } from '../../src/common/clock';
import { LoginRateLimiter } from '../../src/auth/login-rate-limit';

const MINUTE = 60_000;

function setup(options?: ConstructorParameters<typeof LoginRateLimiter>[0]) {
  return {
    clock: new FrozenClock(new Date('2026-04-27T02:00:00Z')),
    limiter: new LoginRateLimiter(options),
  };
}

describe('LoginRateLimiter', () => {
  it('refuses the sixth attempt on one email within 15 minutes, with the wait until the oldest expires', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 5; i++) {
      expect(limiter.attempt('siti@uji.id', '10.0.0.1', clock.now())).toEqual({ allowed: true });
      clock.advance(MINUTE);
    }
    // First failure was 5 minutes ago: 10 minutes left in its window.
    expect(limiter.attempt('siti@uji.id', '10.0.0.2', clock.now())).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
  });

  it('lets the email try again once the oldest failure leaves the window', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.attempt('siti@uji.id', '10.0.0.1', clock.now());
    clock.advance(15 * MINUTE - 1);
    expect(limiter.attempt('siti@uji.id', '10.0.0.1', clock.now())).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    clock.advance(1);
    expect(limiter.attempt('siti@uji.id', '10.0.0.1', clock.now())).toEqual({ allowed: true });
  });

  it('treats email case and surrounding spaces as the same account', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.attempt(' Siti@Uji.ID', `10.0.0.${i}`, clock.now());
    expect(limiter.attempt('siti@uji.id', '10.0.0.9', clock.now()).allowed).toBe(false);
  });

  it('clears the email counter on success but keeps other failures from the same IP', () => {
    const { clock, limiter } = setup({
      windowMs: 15 * MINUTE,
      maxFailuresPerEmail: 5,
      maxFailuresPerIp: 6,
      maxTrackedKeys: 100,
    });
    for (let i = 0; i < 4; i++) limiter.attempt('siti@uji.id', '10.0.0.1', clock.now());
    clock.advance(MINUTE);
    const at = clock.now();
    limiter.attempt('siti@uji.id', '10.0.0.1', at);
    limiter.succeeded('siti@uji.id', '10.0.0.1', at);
    // Email counter is empty again; the IP still holds the four real failures.
    expect(limiter.attempt('siti@uji.id', '10.0.0.1', clock.now())).toEqual({ allowed: true });
    expect(limiter.attempt('budi@uji.id', '10.0.0.1', clock.now())).toEqual({ allowed: true });
    expect(limiter.attempt('ani@uji.id', '10.0.0.1', clock.now()).allowed).toBe(false);
  });

  it('refuses an IP spraying many accounts after 20 failures', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 20; i++) {
      expect(limiter.attempt(`user${i}@uji.id`, '203.0.113.7', clock.now()).allowed).toBe(true);
    }
    expect(limiter.attempt('new@uji.id', '203.0.113.7', clock.now())).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
    expect(limiter.attempt('new@uji.id', '203.0.113.8', clock.now())).toEqual({ allowed: true });
  });

  it('counts attempts still being verified, so parallel guesses cannot exceed the limit', () => {
    const { clock, limiter } = setup();
    const decisions = Array.from({ length: 10 }, () =>
      limiter.attempt('siti@uji.id', '10.0.0.1', clock.now()),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('keeps memory bounded when sprayed with distinct emails from many addresses', () => {
    const { clock, limiter } = setup({
      windowMs: 15 * MINUTE,
      maxFailuresPerEmail: 5,
      maxFailuresPerIp: 20,
      maxTrackedKeys: 100,
    });
    for (let i = 0; i < 1000; i++) {
      limiter.attempt(`spray${i}@uji.id`, `198.51.100.${i % 250}`, clock.now());
    }
    expect(limiter.trackedKeys).toBeLessThanOrEqual(100);
  });
});
