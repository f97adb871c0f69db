import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditAction, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, ErrorCode } from '../../common/app-error';
import type { SocialNetwork } from '../../content/rendering/template';
import type { PlatformCredentials } from '../../platforms/platform-adapter';
import { AccountCredentialsService } from './account-credentials.service';
import { SocialAccountResponse, toSocialAccountResponse } from './social-account.dto';
import type { SocialAccount } from './social-account.entity';
import { SocialAccountRepository } from './social-account.repository';
import { SocialAccountService } from './social-account.service';

export interface SignedInAccount {
  network: SocialNetwork;
  /** The platform's id: a sign-in to the same platform account reconnects its row. */
  externalId: string;
  displayName: string;
  handle: string | null;
  credentials: PlatformCredentials;
}

const AUDIT_TYPE = 'social_account';
const HANDLE = /^[A-Za-z0-9._]{1,50}$/;

/**
 * Live accounts as sign-ins leave them: connecting creates the account or, for a platform
 * account the institution already has, reconnects it (new credentials, status connected).
 * Disconnecting deletes the credentials. Audited without the tokens.
 */
@Injectable()
export class LiveAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: SocialAccountRepository,
    private readonly socialAccounts: SocialAccountService,
    private readonly credentials: AccountCredentialsService,
    private readonly audit: AuditService,
  ) {}

  async connect(scope: RequestScope, signedIn: SignedInAccount): Promise<SocialAccountResponse> {
    const institutionId = scope.requireInstitution();
    const displayName = signedIn.displayName.trim().slice(0, 150) || signedIn.externalId;
    const handle = signedIn.handle && HANDLE.test(signedIn.handle) ? signedIn.handle : null;
    return this.dataSource.transaction(async (manager) => {
      const created = await this.accounts.insertMissing(
        [
          {
            institutionId,
            network: signedIn.network,
            kind: 'live',
            displayName,
            handle,
            externalId: signedIn.externalId,
            status: 'connected',
          },
        ],
        manager,
      );
      let account = await this.accounts.lockByExternalId(
        institutionId,
        signedIn.network,
        signedIn.externalId,
        manager,
      );
      if (!account) throw new Error('The connected account vanished within its transaction');
      if (account.kind !== 'live') {
        throw AppError.conflict('externalId', {
          id: 'Akun platform ini sudah terdaftar sebagai akun sandbox',
          en: 'This platform account is already registered as a sandbox account',
        });
      }
      const before = created.length === 0 ? account : undefined;
      if (before) {
        account = await this.accounts.update(
          account.id,
          { status: 'connected', displayName, handle },
          manager,
        );
      }
      await this.credentials.store(manager, account.id, signedIn.credentials);
      await this.record(scope, before ? 'update' : 'create', account, before, manager);
      return toSocialAccountResponse(account);
    });
  }

  /** Deletes the credentials; the account stays (its posts, history) and needs a new sign-in. */
  async disconnect(scope: RequestScope, id: string): Promise<SocialAccountResponse> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.socialAccounts.requireVisible(
        scope.institutionFilter,
        id,
        manager,
        true,
      );
      if (current.kind !== 'live') {
        throw new AppError(
          ErrorCode.UnprocessableEntity,
          {
            id: 'Akun sandbox tidak memiliki kredensial untuk diputus',
            en: 'A sandbox account has no credentials to disconnect',
          },
          'id',
        );
      }
      await this.credentials.remove(manager, id);
      const updated =
        current.status === 'connected'
          ? await this.accounts.update(id, { status: 'needs_reauth' }, manager)
          : current;
      await this.record(scope, 'update', updated, current, manager, 'deleted');
      return toSocialAccountResponse(updated);
    });
  }

  private async record(
    scope: RequestScope,
    action: AuditAction,
    account: SocialAccount,
    before: SocialAccount | undefined,
    manager: EntityManager,
    credentials: 'stored' | 'deleted' = 'stored',
  ): Promise<void> {
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId: account.institutionId,
        action,
        entityType: AUDIT_TYPE,
        entityId: account.id,
        before: before && toSocialAccountResponse(before),
        // Which credentials changed, never their value.
        after: { ...toSocialAccountResponse(account), credentials },
      },
      manager,
    );
  }
}
