import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { SocialNetwork } from '../../content/rendering/template';
import { SocialAccount, SocialAccountKind, SocialAccountStatus } from './social-account.entity';

export interface SocialAccountFilter {
  /** null = every institution (national roles). */
  institutionId: string | null;
  network?: SocialNetwork;
  kind?: SocialAccountKind;
  status?: SocialAccountStatus;
}

export type NewSocialAccount = Pick<
  SocialAccount,
  'institutionId' | 'network' | 'kind' | 'displayName' | 'handle' | 'externalId' | 'status'
>;
export type SocialAccountChanges = Partial<
  Pick<SocialAccount, 'displayName' | 'handle' | 'status'>
>;

@Injectable()
export class SocialAccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    filter: SocialAccountFilter,
    offset: number,
    limit: number,
  ): Promise<[SocialAccount[], number]> {
    const query = this.dataSource.manager.createQueryBuilder(SocialAccount, 'a');
    if (filter.institutionId !== null) {
      query.andWhere('a.institutionId = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.network) query.andWhere('a.network = :network', { network: filter.network });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    return query
      .orderBy('a.network', 'ASC')
      .addOrderBy('LOWER(a.displayName)', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  async findVisible(
    id: string,
    institutionId: string | null,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<SocialAccount | null> {
    return manager.findOne(SocialAccount, {
      where: institutionId === null ? { id } : { id, institutionId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The institution's account for this platform account (a reconnection finds it), locked. */
  async lockByExternalId(
    institutionId: string,
    network: SocialNetwork,
    externalId: string,
    manager: EntityManager,
  ): Promise<SocialAccount | null> {
    return manager.findOne(SocialAccount, {
      where: { institutionId, network, externalId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async findInInstitution(
    institutionId: string,
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SocialAccount[]> {
    if (ids.length === 0) return [];
    return manager.find(SocialAccount, { where: { institutionId, id: In(ids) } });
  }

  async insert(values: NewSocialAccount, manager: EntityManager): Promise<SocialAccount> {
    return manager.save(SocialAccount, manager.create(SocialAccount, values));
  }

  /**
   * Inserts the accounts whose (institution, network, external id) is not taken yet; returns
   * those inserted. The partial unique index decides, so concurrent callers cannot duplicate.
   */
  async insertMissing(rows: NewSocialAccount[], manager: EntityManager): Promise<SocialAccount[]> {
    if (rows.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SocialAccount)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return [];
    return manager.find(SocialAccount, { where: { id: In(ids) }, order: { network: 'ASC' } });
  }

  async update(
    id: string,
    changes: SocialAccountChanges,
    manager: EntityManager,
  ): Promise<SocialAccount> {
    await manager.update(SocialAccount, { id }, changes);
    return manager.findOneOrFail(SocialAccount, { where: { id } });
  }
}
