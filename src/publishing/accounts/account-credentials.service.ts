import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import {
  PlatformAccount,
  PlatformCredentials,
  PlatformError,
} from '../../platforms/platform-adapter';
import { DEFAULT_REQUEST_TIMEOUT_MS, PlatformRegistry } from '../../platforms/platform-registry';
import { TokenCrypto } from '../../platforms/token-crypto';
import { AccountCredentialsRepository, StoredCredentials } from './account-credentials.repository';

/** Tokens expiring sooner than this are refreshed before use. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * How long one process may hold an account's refresh lease: longer than a platform request may
 * take (DEFAULT_REQUEST_TIMEOUT_MS), so that no second refresh starts while the first can still
 * succeed and spend the refresh token.
 */
export const REFRESH_LEASE_SECONDS = DEFAULT_REQUEST_TIMEOUT_MS / 1000 + 30;
const LEASE_POLL_MS = 100;

/** The account has no stored credentials (never connected, or disconnected). */
export class CredentialsMissingError extends Error {
  constructor(readonly socialAccountId: string) {
    super(`No credentials are stored for social account ${socialAccountId}`);
    this.name = 'CredentialsMissingError';
  }
}

/**
 * Live accounts' credentials: encrypted at rest (TokenCrypto, the account id as associated data),
 * decrypted only to call a platform, refreshed before they expire.
 *
 * One refresh at a time per account, across processes: X rotates refresh tokens, so a second
 * concurrent refresh would spend a dead token and lock the account out. A process takes a short
 * lease on the credentials row, calls the platform outside any transaction, then stores the new
 * tokens and clears the lease in one statement. A process that finds the lease taken waits until
 * the stored credentials change (the winner's fresh tokens) or the lease is free again.
 *
 * Key rotation: values are written under the current key; a value read under an older key is
 * rewritten under the current one, so the old key can be dropped once no row names it.
 */
@Injectable()
export class AccountCredentialsService {
  constructor(
    private readonly repo: AccountCredentialsRepository,
    private readonly crypto: TokenCrypto,
    private readonly registry: PlatformRegistry,
    private readonly clock: Clock,
  ) {}

  /** Stores (or replaces) the account's credentials, in the caller's transaction. */
  async store(
    manager: EntityManager,
    socialAccountId: string,
    credentials: PlatformCredentials,
  ): Promise<void> {
    await this.repo.upsert(manager, socialAccountId, this.encrypt(socialAccountId, credentials));
  }

  async remove(manager: EntityManager, socialAccountId: string): Promise<void> {
    await this.repo.delete(manager, socialAccountId);
  }

  /**
   * The account as adapters take it, with decrypted credentials; tokens that expire within
   * REFRESH_MARGIN_MS are refreshed first. Sandbox accounts need no stored credentials.
   * Throws CredentialsMissingError, or the adapter's PlatformError when a needed refresh fails
   * (`reauthenticate`: the person must reconnect).
   */
  async platformAccountFor(socialAccountId: string): Promise<PlatformAccount> {
    const stored = await this.load(socialAccountId);
    if (stored.kind === 'sandbox') {
      return { externalId: stored.externalId ?? socialAccountId, credentials: { type: 'sandbox' } };
    }
    const account = this.decrypt(stored);
    await this.reencryptIfStale(stored, account);
    const expiresAt = stored.expiresAt?.getTime();
    if (expiresAt === undefined || expiresAt - this.clock.now().getTime() > REFRESH_MARGIN_MS) {
      return account;
    }
    try {
      return await this.refresh(stored, account, false);
    } catch (error) {
      // A refresh that could not reach the platform leaves a still valid token usable.
      const stillValid = expiresAt > this.clock.now().getTime();
      if (error instanceof PlatformError && error.kind === 'retry_later' && stillValid) {
        return account;
      }
      throw error;
    }
  }

  /**
   * After the platform refused `used` (`reauthenticate`): one forced refresh, unless another
   * process already replaced those credentials. Null when the credentials cannot be refreshed
   * (Page tokens, OAuth 1.0a keys): the account must be reconnected. Throws the adapter's
   * PlatformError when the refresh itself fails.
   */
  async refreshAfterRefusal(
    socialAccountId: string,
    used: PlatformAccount,
  ): Promise<PlatformAccount | null> {
    const stored = await this.load(socialAccountId);
    if (stored.kind === 'sandbox') return null;
    const refreshed = await this.refresh(stored, used, true);
    return sameCredentials(refreshed, used) ? null : refreshed;
  }

  private async load(socialAccountId: string): Promise<StoredCredentials> {
    const stored = await this.repo.find(socialAccountId);
    if (!stored || (stored.kind !== 'sandbox' && !stored.ciphertext)) {
      throw new CredentialsMissingError(socialAccountId);
    }
    return stored;
  }

  /**
   * Refreshes `stale` under the account's lease. Whoever wins the lease calls the platform;
   * the others return the credentials the winner stored.
   */
  private async refresh(
    stored: StoredCredentials,
    stale: PlatformAccount,
    force: boolean,
  ): Promise<PlatformAccount> {
    const owner = randomUUID();
    const deadline = performance.now() + (REFRESH_LEASE_SECONDS + 5) * 1000;
    const adapter = this.registry.adapterFor(stored.network, stored.kind);
    for (;;) {
      const leased = await this.repo.takeRefreshLease(
        stored.socialAccountId,
        owner,
        REFRESH_LEASE_SECONDS,
      );
      if (leased !== null) {
        const current = this.decrypt({ ...stored, ciphertext: leased });
        if (!sameCredentials(current, stale)) {
          await this.repo.releaseRefreshLease(stored.socialAccountId, owner);
          return current;
        }
        try {
          const result = await adapter.refreshCredentials(current, { force });
          if (result.status === 'not_needed') {
            await this.repo.releaseRefreshLease(stored.socialAccountId, owner);
            return current;
          }
          await this.repo.storeRefreshed(
            stored.socialAccountId,
            owner,
            this.encrypt(stored.socialAccountId, result.credentials),
          );
          return { externalId: current.externalId, credentials: result.credentials };
        } catch (error) {
          await this.repo.releaseRefreshLease(stored.socialAccountId, owner);
          throw error;
        }
      }
      if (performance.now() > deadline) {
        throw new PlatformError('retry_later', {
          network: stored.network,
          platformCode: 'karya:refresh-busy',
          retryAt: new Date(this.clock.now().getTime() + REFRESH_LEASE_SECONDS * 1000),
          reason: {
            id: 'Token akun sedang diperbarui oleh proses lain; dicoba lagi nanti',
            en: 'Another process is refreshing the account token; trying again later',
          },
        });
      }
      await sleep(LEASE_POLL_MS);
      const latest = await this.load(stored.socialAccountId);
      const current = this.decrypt(latest);
      if (!sameCredentials(current, stale)) return current;
    }
  }

  private decrypt(stored: StoredCredentials): PlatformAccount {
    const ciphertext = stored.ciphertext;
    if (!ciphertext) throw new CredentialsMissingError(stored.socialAccountId);
    const credentials = this.crypto.decrypt(
      ciphertext,
      stored.socialAccountId,
    ) as PlatformCredentials;
    return { externalId: stored.externalId ?? stored.socialAccountId, credentials };
  }

  /** Completes a key rotation lazily; a concurrent write of newer credentials wins. */
  private async reencryptIfStale(stored: StoredCredentials, account: PlatformAccount) {
    if (!stored.ciphertext || !this.crypto.needsReencryption(stored.ciphertext)) return;
    await this.repo.reencrypt(
      stored.socialAccountId,
      stored.ciphertext,
      this.encrypt(stored.socialAccountId, account.credentials),
    );
  }

  private encrypt(socialAccountId: string, credentials: PlatformCredentials) {
    const expiresAt = 'expiresAt' in credentials && credentials.expiresAt;
    return {
      keyId: this.crypto.currentKeyId,
      ciphertext: this.crypto.encrypt(credentials, socialAccountId),
      expiresAt: expiresAt ? new Date(expiresAt) : null,
    };
  }
}

function sameCredentials(a: PlatformAccount, b: PlatformAccount): boolean {
  return JSON.stringify(a.credentials) === JSON.stringify(b.credentials);
}
