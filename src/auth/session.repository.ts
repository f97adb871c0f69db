import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from './request-scope';
import { Role } from './roles';
import { SessionCache } from './session-cache';

interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  institution_id: string | null;
  locale: 'id' | 'en';
  last_used_at: Date;
  expires_at: Date;
}

/** How stale last_used_at may get: it records activity, it does not expire sessions. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * Every authenticated request passes the guard, and reading its session was half the cost of a
 * cheap request. A few seconds of reuse bound how long another process honours a revocation.
 */
const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_ENTRIES = 10_000;

@Injectable()
export class SessionRepository {
  private readonly cache = new SessionCache(SESSION_CACHE_TTL_MS, SESSION_CACHE_ENTRIES);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    session: {
      userId: string;
      tokenHash: string;
      createdAt: Date;
      expiresAt: Date;
      userAgent: string | null;
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO auth_sessions (user_id, token_hash, created_at, last_used_at, expires_at, user_agent)
       VALUES ($1, $2, $3, $3, $4, $5) RETURNING id`,
      [
        session.userId,
        session.tokenHash,
        session.createdAt,
        session.expiresAt,
        session.userAgent?.slice(0, 300) ?? null,
      ],
    );
    return rows[0].id;
  }

  /**
   * The live session's user; null when expired, revoked or deactivated. last_used_at is touched
   * at most once a minute, so an ordinary authenticated read does not also write.
   */
  async findActiveUser(tokenHash: string, now: Date): Promise<AuthUser | null> {
    const session = this.cache.lookup(tokenHash, now) ?? (await this.readSession(tokenHash, now));
    if (!session) return null;
    if (now.getTime() - session.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      session.lastUsedAt = now;
      await this.dataSource.query(`UPDATE auth_sessions SET last_used_at = $2 WHERE id = $1`, [
        session.user.sessionId,
        now,
      ]);
    }
    return session.user;
  }

  /**
   * Call after a transaction that revoked a user's sessions or changed the user commits, so this
   * process stops honouring what it cached.
   */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }

  private async readSession(tokenHash: string, now: Date) {
    const generation = this.cache.generation;
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.last_used_at, s.expires_at, u.id AS user_id, u.email,
              u.display_name, u.role, u.institution_id, u.locale
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.is_active`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row) return null;
    const session = {
      user: {
        id: row.user_id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        institutionId: row.institution_id,
        locale: row.locale,
        sessionId: row.session_id,
      },
      expiresAt: new Date(row.expires_at),
      lastUsedAt: new Date(row.last_used_at),
    };
    this.cache.store(tokenHash, session, generation);
    return session;
  }

  async revoke(
    sessionId: string,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, now],
    );
  }

  async revokeAllForUser(
    userId: string,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, now],
    );
  }

  /** After a password change: every other device must log in again. */
  async revokeOthersForUser(
    userId: string,
    keepSessionId: string,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = $3
        WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
      [userId, keepSessionId, now],
    );
  }
}
