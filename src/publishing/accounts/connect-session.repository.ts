import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type ConnectFlow = 'graph' | 'x_oauth2';

export interface ConnectSessionOwner {
  institutionId: string;
  userId: string;
}

export interface NewConnectSession extends ConnectSessionOwner {
  id: string;
  flow: ConnectFlow;
  state: string | null;
  keyId: string;
  ciphertext: string;
  expiresAt: Date;
}

/** The only file with SQL on `account_connect_sessions`. */
@Injectable()
export class ConnectSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the session and drops expired ones (sign-ins abandoned half-way). */
  async insert(session: NewConnectSession, now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM account_connect_sessions WHERE expires_at < $1`, [
      now,
    ]);
    await this.dataSource.query(
      `INSERT INTO account_connect_sessions
         (id, institution_id, user_id, flow, state, key_id, ciphertext, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        session.id,
        session.institutionId,
        session.userId,
        session.flow,
        session.state,
        session.keyId,
        session.ciphertext,
        session.expiresAt,
      ],
    );
  }

  /** The owner's live session found by id or by state; only the person who started it sees it. */
  async find(
    owner: ConnectSessionOwner,
    flow: ConnectFlow,
    by: { id: string } | { state: string },
    now: Date,
  ): Promise<{ id: string; ciphertext: string } | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['state', by.state];
    const rows: { id: string; ciphertext: string }[] = await this.dataSource.query(
      `SELECT id, ciphertext FROM account_connect_sessions
       WHERE ${column} = $1 AND institution_id = $2 AND user_id = $3 AND flow = $4
         AND expires_at > $5`,
      [value, owner.institutionId, owner.userId, flow, now],
    );
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM account_connect_sessions WHERE id = $1`, [id]);
  }
}
