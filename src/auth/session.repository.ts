import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    userId: string,
    tokenHash: string,
    expiresAt: Date,
    userAgent: string | null,
  ): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO auth_sessions (user_id, token_hash, expires_at, user_agent) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, tokenHash, expiresAt, userAgent?.slice(0, 300) ?? null],
    );
    return rows[0].id;
  }

  /** The live session's user, touching last_used_at; null when expired, revoked or deactivated. */
  async findActiveUser(tokenHash: string, now: Date): Promise<AuthUser | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `UPDATE auth_sessions s SET last_used_at = $2
         FROM users u
        WHERE s.token_hash = $1 AND s.user_id = u.id AND s.revoked_at IS NULL
          AND s.expires_at > $2 AND u.is_active
       RETURNING s.id AS session_id, u.id AS user_id, u.email, u.display_name, u.role,
                 u.institution_id, u.locale`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row) return null;
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

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, now],
    );
  }

  async revokeAllForUser(userId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, now],
    );
  }
}
