import { AuthUser } from './request-scope';

/** A session the guard found live, kept briefly so each request need not read it again. */
export interface CachedSession {
  user: AuthUser;
  expiresAt: Date;
  lastUsedAt: Date;
}

interface Entry {
  session: CachedSession;
  storedAt: number;
}

/**
 * Live sessions by token hash for a few seconds, bounded in count (least recently used leave
 * first). This process forgets a user's sessions as soon as it revokes them or changes the user;
 * another process's cache may hold them until `ttlMs` passes, which bounds how long a revoked
 * session or an old role can still be used there.
 *
 * A lookup that started before a forget must not store what it read: `generation` counts forgets,
 * and `store` takes the generation seen when the lookup began.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private forgets = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {}

  get generation(): number {
    return this.forgets;
  }

  /** The session when it was stored less than ttlMs ago and has not expired by `now`. */
  lookup(tokenHash: string, now: Date): CachedSession | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    this.entries.delete(tokenHash);
    if (
      this.monotonicNow() - entry.storedAt >= this.ttlMs ||
      entry.session.expiresAt.getTime() <= now.getTime()
    ) {
      return undefined;
    }
    this.entries.set(tokenHash, entry);
    return entry.session;
  }

  store(tokenHash: string, session: CachedSession, generationAtLookup: number): void {
    if (generationAtLookup !== this.forgets || this.ttlMs <= 0) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { session, storedAt: this.monotonicNow() });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  forgetUser(userId: string): void {
    this.forgets += 1;
    for (const [tokenHash, entry] of this.entries) {
      if (entry.session.user.id === userId) this.entries.delete(tokenHash);
    }
  }
}
