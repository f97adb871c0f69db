import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from './request-scope';
import { Role } from './roles';

interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  institution_id: string | null;
  locale: 'id' | 'en';
  last_used_at: Date;
}

/** How stale last_used_at may get: it records activity, it does not expire sessions. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class SessionRepository {
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
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.last_used_at, u.id AS user_id, u.email, u.display_name,
              u.role, u.institution_id, u.locale
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.is_active`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row) return null;
    if (now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.dataSource.query(`UPDATE auth_sessions SET last_used_at = $2 WHERE id = $1`, [
        row.session_id,
        now,
      ]);
    }
    return {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      institutionId: row.institution_id,
      locale: row.locale,
      sessionId: row.session_id,
    };
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
