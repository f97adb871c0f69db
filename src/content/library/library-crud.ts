import { DataSource, DeepPartial, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { actorOf, AuditActor, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { withUniqueFields } from '../../catalogue/unique-violation';
import { AppError, LocalizedText } from '../../common/app-error';
import { Page, PageQueryDto, pageOf, pageOffset } from '../../common/pagination';
import { isUuid } from '../../common/uuid.pipe';
import type { SocialNetwork } from '../rendering/template';
import { LabelColumn, LibraryEntity, LibraryRepository, LibraryRow } from './library.repository';

/** How one institution list differs from the others. */
export interface LibrarySpec<T extends LibraryRow, R> {
  entity: LibraryEntity<T>;
  labelColumn: LabelColumn;
  /** The unique index on (institution_id, lower(label)). */
  uniqueIndex: string;
  /** The thing's name, for 404s. */
  noun: LocalizedText;
  /** The 409 when the label is taken; never echoes the label (names are personal data). */
  taken: LocalizedText;
  auditType: string;
  toResponse(row: T): R;
  /** What an audit row may hold about the row. */
  auditView(row: T): unknown;
}

export interface LibraryListQuery extends PageQueryDto {
  q?: string;
  network?: SocialNetwork;
}

type Action = 'create' | 'update' | 'delete';

/**
 * The create/read/update/delete process the institution lists share: institution scoping
 * (foreign ids are 404s), one transaction per change with its audit row, the unique index as the
 * arbiter of duplicate labels. Each list's service holds one and adds its own validation.
 */
export class LibraryCrud<T extends LibraryRow, R> {
  constructor(
    private readonly spec: LibrarySpec<T, R>,
    private readonly dataSource: DataSource,
    private readonly rows: LibraryRepository,
    private readonly audit: AuditService,
  ) {}

  async list(scope: RequestScope, query: LibraryListQuery): Promise<Page<R>> {
    const [rows, total] = await this.rows.list(
      this.spec.entity,
      {
        institutionId: scope.institutionFilter,
        labelColumn: this.spec.labelColumn,
        q: query.q,
        network: query.network,
      },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(
      rows.map((row) => this.spec.toResponse(row)),
      total,
      query,
    );
  }

  async get(scope: RequestScope, id: string): Promise<R> {
    return this.spec.toResponse(await this.require(scope.institutionFilter, id));
  }

  async create(scope: RequestScope, values: DeepPartial<T>): Promise<R> {
    const institutionId = scope.requireInstitution();
    return this.dataSource.transaction(async (manager) => {
      const row = await this.unique(() =>
        this.rows.insert(
          this.spec.entity,
          { ...values, institutionId, createdBy: scope.user.id } as DeepPartial<T>,
          manager,
        ),
      );
      await this.record(actorOf(scope), 'create', row, undefined, row, manager);
      return this.spec.toResponse(row);
    });
  }

  /** Applies the fields that differ; a change to nothing is neither written nor audited. */
  async update(scope: RequestScope, id: string, changes: Partial<T>): Promise<R> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.require(scope.institutionFilter, id, manager, true);
      const diff = Object.fromEntries(
        Object.entries(changes).filter(
          ([key, value]) =>
            value !== undefined &&
            JSON.stringify(value) !== JSON.stringify(current[key as keyof T]),
        ),
      );
      if (Object.keys(diff).length === 0) return this.spec.toResponse(current);
      const updated = await this.unique(() =>
        this.rows.update(this.spec.entity, id, diff as QueryDeepPartialEntity<T>, manager),
      );
      await this.record(actorOf(scope), 'update', updated, current, updated, manager);
      return this.spec.toResponse(updated);
    });
  }

  async delete(scope: RequestScope, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.require(scope.institutionFilter, id, manager, true);
      await this.rows.delete(this.spec.entity, id, manager);
      await this.record(actorOf(scope), 'delete', current, current, undefined, manager);
    });
  }

  /**
   * Gives the institution the rows whose label it does not use yet; safe to call again. Runs in
   * the caller's transaction.
   */
  async seed(
    institutionId: string,
    rows: QueryDeepPartialEntity<T>[],
    manager: EntityManager,
    actor: AuditActor,
  ): Promise<T[]> {
    const created = await this.rows.insertMissing(
      this.spec.entity,
      rows.map((row) => ({ ...row, institutionId })),
      manager,
    );
    for (const row of created) await this.record(actor, 'create', row, undefined, row, manager);
    return created;
  }

  /** The row visible to the filter (null = any institution), or a 404 naming `field`. */
  async require(
    institutionId: string | null,
    id: string,
    manager?: EntityManager,
    lock = false,
    field = 'id',
  ): Promise<T> {
    // Internal callers pass ids from request bodies; a malformed one is simply not there.
    const row = isUuid(id)
      ? await this.rows.findVisible(this.spec.entity, id, institutionId, manager, lock)
      : null;
    if (!row) throw AppError.notFound(this.spec.noun, field);
    return row;
  }

  private unique<V>(work: () => Promise<V>): Promise<V> {
    return withUniqueFields(work, {
      [this.spec.uniqueIndex]: () => AppError.conflict(this.spec.labelColumn, this.spec.taken),
    });
  }

  private async record(
    actor: AuditActor,
    action: Action,
    row: T,
    before: T | undefined,
    after: T | undefined,
    manager: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        actor,
        institutionId: row.institutionId,
        action,
        entityType: this.spec.auditType,
        entityId: row.id,
        before: before && this.spec.auditView(before),
        after: after && this.spec.auditView(after),
      },
      manager,
    );
  }
}
