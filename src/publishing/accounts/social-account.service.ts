import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditActor, AuditService, SYSTEM_ACTOR } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, ErrorCode } from '../../common/app-error';
import { Page, pageOf, pageOffset } from '../../common/pagination';
import { isUuid } from '../../common/uuid.pipe';
import { InstitutionRepository } from '../../institutions/institution.repository';
import { defaultSandboxAccounts } from './sandbox-accounts';
import {
  CreateSocialAccountDto,
  SocialAccountListQuery,
  SocialAccountResponse,
  toSocialAccountResponse,
  UpdateSocialAccountDto,
} from './social-account.dto';
import { SocialAccount } from './social-account.entity';
import { SocialAccountChanges, SocialAccountRepository } from './social-account.repository';

export const SOCIAL_ACCOUNT_ENTITY = { id: 'Akun media sosial', en: 'Social account' };
const AUDIT_TYPE = 'social_account';
const IDS_FIELD = 'socialAccountIds';

/** Social accounts: listing, sandbox accounts, disabling, and the check posts rely on. */
@Injectable()
export class SocialAccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: SocialAccountRepository,
    private readonly institutions: InstitutionRepository,
    private readonly audit: AuditService,
  ) {}

  async list(
    scope: RequestScope,
    query: SocialAccountListQuery,
  ): Promise<Page<SocialAccountResponse>> {
    const [rows, total] = await this.accounts.list(
      {
        institutionId: scope.institutionFilter,
        network: query.network,
        kind: query.kind,
        status: query.status,
      },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(rows.map(toSocialAccountResponse), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<SocialAccountResponse> {
    return toSocialAccountResponse(await this.requireVisible(scope.institutionFilter, id));
  }

  /** Sandbox accounts only: live accounts arrive through the platform sign-in (Publishing). */
  async create(scope: RequestScope, dto: CreateSocialAccountDto): Promise<SocialAccountResponse> {
    const institutionId = scope.requireInstitution();
    return this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.insert(
        {
          institutionId,
          network: dto.network,
          kind: 'sandbox',
          displayName: dto.displayName,
          handle: dto.handle ?? null,
          externalId: null,
          status: 'connected',
        },
        manager,
      );
      await this.record(actorOf(scope), 'create', account, undefined, account, manager);
      return toSocialAccountResponse(account);
    });
  }

  async update(
    scope: RequestScope,
    id: string,
    dto: UpdateSocialAccountDto,
  ): Promise<SocialAccountResponse> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.requireVisible(scope.institutionFilter, id, manager, true);
      const changes: SocialAccountChanges = {};
      if (dto.displayName !== undefined && dto.displayName !== current.displayName) {
        changes.displayName = dto.displayName;
      }
      if (dto.status !== undefined && dto.status !== current.status) {
        // Only a new sign-in proves a refused token works again; re-enabling cannot.
        if (current.status === 'needs_reauth' && dto.status === 'connected') {
          throw new AppError(
            ErrorCode.UnprocessableEntity,
            {
              id: 'Akun ini perlu disambungkan ulang melalui login platform sebelum dapat dipakai lagi',
              en: 'This account must be reconnected through the platform sign-in before it can be used again',
            },
            'status',
          );
        }
        changes.status = dto.status;
      }
      if (Object.keys(changes).length === 0) return toSocialAccountResponse(current);
      const updated = await this.accounts.update(id, changes, manager);
      await this.record(actorOf(scope), 'update', updated, current, updated, manager);
      return toSocialAccountResponse(updated);
    });
  }

  /**
   * The accounts a post may target, in the order given: an unknown id or another institution's
   * is a 404, a disabled account a 422, both on field socialAccountIds. An account that needs
   * re-authentication may still be targeted; publishing waits for the reconnection.
   */
  async requireUsable(
    institutionId: string,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<SocialAccount[]> {
    if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) {
      throw AppError.validation(IDS_FIELD, {
        id: 'Akun media sosial yang sama dipilih lebih dari sekali',
        en: 'The same social account is chosen more than once',
      });
    }
    const wanted = ids.map((id) => id.toLowerCase());
    const found = await this.accounts.findInInstitution(
      institutionId,
      wanted.filter(isUuid),
      manager,
    );
    const byId = new Map(found.map((account) => [account.id, account]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new AppError(
        ErrorCode.NotFound,
        { id: 'Akun media sosial tidak ditemukan', en: 'Social account not found' },
        IDS_FIELD,
        { missing },
      );
    }
    const accounts = wanted.map((id) => byId.get(id)!);
    const disabled = accounts.filter((account) => account.status === 'disabled');
    if (disabled.length > 0) {
      throw new AppError(
        ErrorCode.UnprocessableEntity,
        {
          id: `Akun media sosial dinonaktifkan: ${disabled.map((a) => a.displayName).join(', ')}`,
          en: `Social account disabled: ${disabled.map((a) => a.displayName).join(', ')}`,
        },
        IDS_FIELD,
        { disabled: disabled.map((account) => account.id) },
      );
    }
    return accounts;
  }

  /**
   * Gives the institution one sandbox account per network (demo, staff training); safe to call
   * again. Runs in the caller's transaction.
   */
  async createSandboxAccounts(
    institutionId: string,
    manager: EntityManager,
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<SocialAccountResponse[]> {
    const institution = await this.institutions.findById(institutionId, manager);
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    const created = await this.accounts.insertMissing(defaultSandboxAccounts(institution), manager);
    for (const account of created) {
      await this.record(actor, 'create', account, undefined, account, manager);
    }
    return created.map(toSocialAccountResponse);
  }

  /** The account visible to the filter (null = any institution), or a 404. */
  async requireVisible(
    institutionId: string | null,
    id: string,
    manager?: EntityManager,
    lock = false,
  ): Promise<SocialAccount> {
    const account = await this.accounts.findVisible(id, institutionId, manager, lock);
    if (!account) throw AppError.notFound(SOCIAL_ACCOUNT_ENTITY);
    return account;
  }

  private async record(
    actor: AuditActor,
    action: 'create' | 'update',
    account: SocialAccount,
    before: SocialAccount | undefined,
    after: SocialAccount | undefined,
    manager: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        actor,
        institutionId: account.institutionId,
        action,
        entityType: AUDIT_TYPE,
        entityId: account.id,
        before: before && toSocialAccountResponse(before),
        after: after && toSocialAccountResponse(after),
      },
      manager,
    );
  }
}
