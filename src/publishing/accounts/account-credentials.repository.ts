import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BatchLoader } from '../../common/batch-loader';
import type { SocialNetwork } from '../../content/rendering/template';
import type { SocialAccountKind, SocialAccountStatus } from './social-account.entity';

/** A stored credentials row with the account fields an adapter call needs. */
export interface StoredCredentials {
  socialAccountId: string;
  network: SocialNetwork;
  kind: SocialAccountKind;
  status: SocialAccountStatus;
  externalId: string | null;
  /** Null when the account has no credentials row. */
  ciphertext: string | null;
  expiresAt: Date | null;
}

export interface EncryptedCredentials {
  keyId: string;
  ciphertext: string;
  expiresAt: Date | null;
}

interface Row {
  id: string;
  network: SocialNetwork;
  kind: SocialAccountKind;
  status: SocialAccountStatus;
  external_id: string | null;
  ciphertext: string | null;
  expires_at: Date | null;
}

/** The only file with SQL on `social_account_credentials`. */
@Injectable()
export class AccountCredentialsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private readonly byAccount = new BatchLoader<string, StoredCredentials | null>(async (ids) => {
    const rows: Row[] = await this.dataSource.query(
      `SELECT a.id, a.network, a.kind, a.status, a.external_id, c.ciphertext, c.expires_at
       FROM social_accounts a
       LEFT JOIN social_account_credentials c ON c.social_account_id = a.id
       WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const found = new Map(rows.map((row) => [row.id, toStored(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });

  /** Concurrent callers (the targets of one claim) share one query. */
  find(socialAccountId: string): Promise<StoredCredentials | null> {
    return this.byAccount.load(socialAccountId);
  }

  /** Inserts or replaces the account's credentials; a pending refresh lease is dropped. */
  async upsert(
    manager: EntityManager,
    socialAccountId: string,
    value: EncryptedCredentials,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO social_account_credentials (social_account_id, key_id, ciphertext, expires_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (social_account_id) DO UPDATE
       SET key_id = EXCLUDED.key_id, ciphertext = EXCLUDED.ciphertext,
           expires_at = EXCLUDED.expires_at, refresh_lease_until = NULL,
           refresh_lease_owner = NULL, updated_at = now()`,
      [socialAccountId, value.keyId, value.ciphertext, value.expiresAt],
    );
  }

  async delete(manager: EntityManager, socialAccountId: string): Promise<void> {
    await manager.query(`DELETE FROM social_account_credentials WHERE social_account_id = $1`, [
      socialAccountId,
    ]);
  }

  /**
   * Takes the refresh lease when nobody holds a live one; returns the ciphertext as it is under
   * the lease (it may have changed since the caller read it), or null when another owner holds it.
   */
  async takeRefreshLease(
    socialAccountId: string,
    owner: string,
    seconds: number,
  ): Promise<string | null> {
    // An UPDATE answers [rows, affected count].
    const [rows]: [{ ciphertext: string }[], number] = await this.dataSource.query(
      `UPDATE social_account_credentials
       SET refresh_lease_until = now() + make_interval(secs => $3), refresh_lease_owner = $2
       WHERE social_account_id = $1
         AND (refresh_lease_until IS NULL OR refresh_lease_until < now())
       RETURNING ciphertext`,
      [socialAccountId, owner, seconds],
    );
    return rows[0]?.ciphertext ?? null;
  }

  /**
   * Stores refreshed credentials and clears the lease in one statement. Stored even if the lease
   * ran out meanwhile: the platform has already spent the old refresh token, so the new one is
   * the only one that works.
   */
  async storeRefreshed(
    socialAccountId: string,
    owner: string,
    value: EncryptedCredentials,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE social_account_credentials
       SET key_id = $3, ciphertext = $4, expires_at = $5, updated_at = now(),
           refresh_lease_until = CASE WHEN refresh_lease_owner = $2 THEN NULL ELSE refresh_lease_until END,
           refresh_lease_owner = CASE WHEN refresh_lease_owner = $2 THEN NULL ELSE refresh_lease_owner END
       WHERE social_account_id = $1`,
      [socialAccountId, owner, value.keyId, value.ciphertext, value.expiresAt],
    );
  }

  async releaseRefreshLease(socialAccountId: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE social_account_credentials
       SET refresh_lease_until = NULL, refresh_lease_owner = NULL
       WHERE social_account_id = $1 AND refresh_lease_owner = $2`,
      [socialAccountId, owner],
    );
  }

  /** Rewrites a value under the current key, unless it changed since it was read. */
  async reencrypt(socialAccountId: string, previous: string, next: EncryptedCredentials) {
    await this.dataSource.query(
      `UPDATE social_account_credentials SET key_id = $3, ciphertext = $4
       WHERE social_account_id = $1 AND ciphertext = $2`,
      [socialAccountId, previous, next.keyId, next.ciphertext],
    );
  }
}

function toStored(row: Row): StoredCredentials {
  return {
    socialAccountId: row.id,
    network: row.network,
    kind: row.kind,
    status: row.status,
    externalId: row.external_id,
    ciphertext: row.ciphertext,
    expiresAt: row.expires_at,
  };
}
