import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { TokenCrypto } from '../../platforms/token-crypto';
import {
  ConnectFlow,
  ConnectSessionOwner,
  ConnectSessionRepository,
} from './connect-session.repository';

/** How long a person has between the two steps of a sign-in. */
export const CONNECT_SESSION_MS = 30 * 60_000;

/**
 * What a sign-in keeps between its two requests, encrypted like credentials (the session id is
 * the associated data), visible only to the person who started it, and gone after expiry.
 */
@Injectable()
export class ConnectSessions {
  constructor(
    private readonly repo: ConnectSessionRepository,
    private readonly crypto: TokenCrypto,
    private readonly clock: Clock,
  ) {}

  async open(
    owner: ConnectSessionOwner,
    flow: ConnectFlow,
    payload: unknown,
    state: string | null = null,
  ): Promise<{ id: string; expiresAt: Date }> {
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CONNECT_SESSION_MS);
    await this.repo.insert(
      {
        ...owner,
        id,
        flow,
        state,
        keyId: this.crypto.currentKeyId,
        ciphertext: this.crypto.encrypt(payload, context(id)),
        expiresAt,
      },
      now,
    );
    return { id, expiresAt };
  }

  /** The session's payload, or null when it is unknown, expired or someone else's. */
  async read<T>(
    owner: ConnectSessionOwner,
    flow: ConnectFlow,
    by: { id: string } | { state: string },
  ): Promise<{ id: string; payload: T } | null> {
    const row = await this.repo.find(owner, flow, by, this.clock.now());
    if (!row) return null;
    return { id: row.id, payload: this.crypto.decrypt(row.ciphertext, context(row.id)) as T };
  }

  close(id: string): Promise<void> {
    return this.repo.delete(id);
  }
}

function context(id: string): string {
  return `connect:${id}`;
}
