import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditActor, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Page, pageOf, pageOffset } from '../common/pagination';
import { withUniqueFields } from './unique-violation';
import {
  CreateWorkshopDto,
  toWorkshopResponse,
  UpdateWorkshopDto,
  WorkshopListQuery,
  WorkshopResponse,
} from './workshop.dto';
import { Workshop } from './workshop.entity';
import { WorkshopChanges, WorkshopRepository } from './workshop.repository';

/** Workshops every new institution starts with (Lapas Kelas I Cipinang's, plus common ones). */
export const SEED_WORKSHOPS: readonly string[] = [
  'Konveksi / Penjahitan',
  'Sablon',
  'Kerajinan Tangan',
  'Kerajinan Kulit',
  'Bubut',
  'Laundry',
  'Potong Rambut',
  'Budidaya Tempe',
  'Batik',
  'Bakery',
  'Kopi',
];

export const WORKSHOP_ENTITY = { id: 'Bengkel kerja', en: 'Workshop' };
const AUDIT_TYPE = 'workshop';

const nameTaken = (): AppError =>
  AppError.conflict('name', {
    id: 'Nama bengkel kerja ini sudah dipakai di lembaga Anda',
    en: 'This workshop name is already used in your institution',
  });

@Injectable()
export class WorkshopService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workshops: WorkshopRepository,
    private readonly audit: AuditService,
  ) {}

  async list(scope: RequestScope, query: WorkshopListQuery): Promise<Page<WorkshopResponse>> {
    const [rows, total] = await this.workshops.list(
      { institutionId: scope.institutionFilter, active: query.active, q: query.q },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(rows.map(toWorkshopResponse), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<WorkshopResponse> {
    return toWorkshopResponse(await this.requireVisible(scope.institutionFilter, id));
  }

  async create(scope: RequestScope, dto: CreateWorkshopDto): Promise<WorkshopResponse> {
    const institutionId = scope.requireInstitution();
    return this.dataSource.transaction(async (manager) => {
      const workshop = await withUniqueFields(
        () =>
          this.workshops.insert(
            {
              institutionId,
              name: dto.name,
              description: dto.description ?? '',
              isActive: dto.isActive ?? true,
            },
            manager,
          ),
        { uq_workshops_institution_name: nameTaken },
      );
      const after = toWorkshopResponse(workshop);
      await this.record(actorOf(scope), 'create', workshop, undefined, after, manager);
      return after;
    });
  }

  async update(scope: RequestScope, id: string, dto: UpdateWorkshopDto): Promise<WorkshopResponse> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.requireVisible(scope.institutionFilter, id, manager, true);
      const changes: WorkshopChanges = {};
      if (dto.name !== undefined && dto.name !== current.name) changes.name = dto.name;
      if (dto.description !== undefined && dto.description !== current.description) {
        changes.description = dto.description;
      }
      if (dto.isActive !== undefined && dto.isActive !== current.isActive) {
        changes.isActive = dto.isActive;
      }
      const before = toWorkshopResponse(current);
      if (Object.keys(changes).length === 0) return before;
      const updated = await withUniqueFields(() => this.workshops.update(id, changes, manager), {
        uq_workshops_institution_name: nameTaken,
      });
      const after = toWorkshopResponse(updated);
      await this.record(actorOf(scope), 'update', updated, before, after, manager);
      return after;
    });
  }

  /** Only an unused workshop can go; one with products is deactivated instead. */
  async delete(scope: RequestScope, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The row lock makes a concurrent product insert wait for (and then fail on) the delete.
      const current = await this.requireVisible(scope.institutionFilter, id, manager, true);
      const products = await this.workshops.countProducts(id, manager);
      if (products > 0) {
        throw AppError.conflict('id', {
          id: `Bengkel kerja ini masih dipakai oleh ${products} produk dan tidak dapat dihapus; nonaktifkan saja (isActive: false)`,
          en: `This workshop is still used by ${products} product(s) and cannot be deleted; deactivate it instead (isActive: false)`,
        });
      }
      await this.workshops.delete(id, manager);
      await this.record(
        actorOf(scope),
        'delete',
        current,
        toWorkshopResponse(current),
        undefined,
        manager,
      );
    });
  }

  /**
   * Gives an institution the standard workshops it does not have yet; safe to call again.
   * Runs inside the caller's transaction (institution creation, demo seeding).
   */
  async seedDefaultWorkshops(
    institutionId: string,
    manager: EntityManager,
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<WorkshopResponse[]> {
    const created = await this.workshops.insertMissing(institutionId, SEED_WORKSHOPS, manager);
    const responses = created.map(toWorkshopResponse);
    for (const [index, workshop] of created.entries()) {
      await this.record(actor, 'create', workshop, undefined, responses[index], manager);
    }
    return responses;
  }

  /** The workshop visible to the filter (null = any institution), or a 404. */
  async requireVisible(
    institutionId: string | null,
    id: string,
    manager?: EntityManager,
    lock = false,
  ): Promise<Workshop> {
    const workshop = await this.workshops.findVisible(id, institutionId, manager, lock);
    if (!workshop) throw AppError.notFound(WORKSHOP_ENTITY);
    return workshop;
  }

  private async record(
    actor: AuditActor,
    action: 'create' | 'update' | 'delete',
    workshop: Workshop,
    before: WorkshopResponse | undefined,
    after: WorkshopResponse | undefined,
    manager: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        actor,
        institutionId: workshop.institutionId,
        action,
        entityType: AUDIT_TYPE,
        entityId: workshop.id,
        before,
        after,
      },
      manager,
    );
  }
}
