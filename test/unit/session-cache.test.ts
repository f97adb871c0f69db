import { beforeEach, describe, expect, it } from '@jest/globals';
import type { AuthUser } from '../../src/auth/request-scope';
import { Role } from '../../src/auth/roles';
import { SessionCache, type CachedSession } from '../../src/auth/session-cache';

const NOW = new Date('2026-12-01T03:00:00Z');

function sessionOf(userId: string, expiresAt = new Date('2026-12-02T00:00:00Z')): CachedSession {
  const user: AuthUser = {
    id: userId,
    email: `${userId}@example.id`,
    displayName: userId,
    role: Role.Staff,
    institutionId: null,
    locale: 'id',
    sessionId: `session-${userId}`,
  };
  return { user, expiresAt, lastUsedAt: NOW };
}

describe('SessionCache', () => {
  let clock: number;
  const cacheOf = (ttlMs = 5_000, maxEntries = 100) =>
    new SessionCache(ttlMs, maxEntries, () => clock);

  beforeEach(() => {
    clock = 1_000;
  });

  it('serves a stored session until its time to live runs out', () => {
    const cache = cacheOf();
    cache.store('hash-a', sessionOf('a'), cache.generation);
    clock += 4_999;
    expect(cache.lookup('hash-a', NOW)?.user.id).toBe('a');
    clock += 1;
    expect(cache.lookup('hash-a', NOW)).toBeUndefined();
  });

  it('never serves a session past its own expiry', () => {
    const cache = cacheOf();
    cache.store('hash-a', sessionOf('a', new Date(NOW.getTime() + 1)), cache.generation);
    expect(cache.lookup('hash-a', NOW)).toBeDefined();
    expect(cache.lookup('hash-a', new Date(NOW.getTime() + 1))).toBeUndefined();
  });

  it("forgets every session of one user and keeps the others'", () => {
    const cache = cacheOf();
    cache.store('hash-a1', sessionOf('a'), cache.generation);
    cache.store('hash-a2', sessionOf('a'), cache.generation);
    cache.store('hash-b', sessionOf('b'), cache.generation);
    cache.forgetUser('a');
    expect(cache.lookup('hash-a1', NOW)).toBeUndefined();
    expect(cache.lookup('hash-a2', NOW)).toBeUndefined();
    expect(cache.lookup('hash-b', NOW)?.user.id).toBe('b');
  });

  it('does not store what a lookup read before a forget happened', () => {
    const cache = cacheOf();
    const generationAtRead = cache.generation;
    cache.forgetUser('a');
    cache.store('hash-a', sessionOf('a'), generationAtRead);
    expect(cache.lookup('hash-a', NOW)).toBeUndefined();
  });

  it('drops the least recently used session beyond its bound', () => {
    const cache = cacheOf(5_000, 2);
    cache.store('hash-a', sessionOf('a'), cache.generation);
    cache.store('hash-b', sessionOf('b'), cache.generation);
    cache.lookup('hash-a', NOW);
    cache.store('hash-c', sessionOf('c'), cache.generation);
    expect(cache.lookup('hash-b', NOW)).toBeUndefined();
    expect(cache.lookup('hash-a', NOW)).toBeDefined();
    expect(cache.lookup('hash-c', NOW)).toBeDefined();
  });

  it('stores nothing when its time to live is zero', () => {
    const cache = cacheOf(0);
    cache.store('hash-a', sessionOf('a'), cache.generation);
    expect(cache.lookup('hash-a', NOW)).toBeUndefined();
  });
});
