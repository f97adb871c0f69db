import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { RequestScope } from '../auth/request-scope';
import { Permission, roleHas } from '../auth/roles';
import { definedOnly } from '../common/defined-only';
import { AppError, ErrorCode } from '../common/app-error';
import { Clock } from '../common/clock';
import { type Page, pageOf, pageOffset } from '../common/pagination';
import {
  CreateInstitutionDto,
  InstitutionListQueryDto,
  InstitutionResponse,
  toInstitutionResponse,
  UpdateInstitutionDto,
} from './institution.dto';
import { InstitutionCreatedHooks } from './institution-created-hooks';
import { Institution } from './institution.entity';
import { InstitutionRepository, type InstitutionValues } from './institution.repository';
import { isValidSlug, slugify } from './slug';

const NOT_FOUND = { id: 'Lembaga', en: 'Institution' };

@Injectable()
export class InstitutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly institutions: InstitutionRepository,
    private readonly audit: AuditService,
    private readonly createdHooks: InstitutionCreatedHooks,
    private readonly clock: Clock,
  ) {}

  /** Institution users see their own; national roles all (or the one they selected). */
  async list(
    scope: RequestScope,
    query: InstitutionListQueryDto,
  ): Promise<Page<InstitutionResponse>> {
    const [rows, total] = await this.institutions.list({
      institutionId: scope.institutionFilter,
      kind: query.kind,
      q: query.q,
      offset: pageOffset(query),
      limit: query.pageSize,
    });
    return pageOf(rows.map(toInstitutionResponse), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<InstitutionResponse> {
    return toInstitutionResponse(await this.findVisible(scope, id));
  }

  async create(scope: RequestScope, dto: CreateInstitutionDto): Promise<InstitutionResponse> {
    const slug = dto.slug ?? slugify(dto.name);
    if (!isValidSlug(slug)) {
      throw AppError.validation('slug', {
        id: 'Slug tidak dapat dibentuk dari nama; isi slug (huruf kecil, angka, tanda hubung, 3-60 karakter)',
        en: 'No slug can be made from the name; give a slug (lowercase letters, digits, hyphens, 3-60 characters)',
      });
    }
    const values: InstitutionValues = {
      name: dto.name,
      slug,
      kind: dto.kind,
      region: dto.region ?? '',
      timeZone: dto.timeZone,
      brandPrimary: dto.brandPrimary ?? '#0B4F6C',
      brandSecondary: dto.brandSecondary ?? '#F2A541',
      brandText: dto.brandText ?? '#FFFFFF',
      hotline: dto.hotline ?? null,
    };
    const actor = actorOf(scope);
    const created = await this.dataSource.transaction(async (manager) => {
      const institution = await this.institutions.insert(values, this.clock.now(), manager);
      await this.audit.record(
        {
          actor,
          institutionId: institution.id,
          action: 'create',
          entityType: 'institution',
          entityId: institution.id,
          after: toInstitutionResponse(institution),
        },
        manager,
      );
      await this.createdHooks.run({ institutionId: institution.id, actor }, manager);
      return institution;
    });
    return toInstitutionResponse(created);
  }

  async update(
    scope: RequestScope,
    id: string,
    dto: UpdateInstitutionDto,
  ): Promise<InstitutionResponse> {
    const current = await this.findVisible(scope, id);
    const { logoMediaAssetId, ...changes } = definedOnly(dto);
    if (Object.keys(changes).length === 0 && logoMediaAssetId === undefined) {
      return toInstitutionResponse(current);
    }
    if (
      (changes.slug !== undefined || changes.kind !== undefined) &&
      !roleHas(scope.user.role, Permission.InstitutionCreate)
    ) {
      throw new AppError(
        ErrorCode.Forbidden,
        {
          id: 'Hanya admin nasional yang dapat mengubah slug atau jenis lembaga',
          en: 'Only a national admin may change the slug or kind of an institution',
        },
        changes.slug !== undefined ? 'slug' : 'kind',
      );
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.institutions.findForUpdate(id, manager);
      if (!before) throw AppError.notFound(NOT_FOUND);
      const logoKey =
        logoMediaAssetId === undefined
          ? undefined
          : logoMediaAssetId === null
            ? null
            : await this.logoKeyOf(id, logoMediaAssetId, manager);
      const after = await this.institutions.update(
        id,
        logoKey === undefined ? changes : { ...changes, logoKey },
        this.clock.now(),
        manager,
      );
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: id,
          action: 'update',
          entityType: 'institution',
          entityId: id,
          before: toInstitutionResponse(before),
          after: toInstitutionResponse(after),
        },
        manager,
      );
      return after;
    });
    return toInstitutionResponse(updated);
  }

  /** Image templates draw the logo from one of the institution's own photos. */
  private async logoKeyOf(
    institutionId: string,
    mediaAssetId: string,
    manager: EntityManager,
  ): Promise<string> {
    const key = await this.institutions.photoStorageKey(institutionId, mediaAssetId, manager);
    if (!key) throw AppError.notFound({ id: 'Foto logo', en: 'Logo photo' }, 'logoMediaAssetId');
    return key;
  }

  private async findVisible(scope: RequestScope, id: string): Promise<Institution> {
    const institution = scope.canSee(id) ? await this.institutions.findById(id) : null;
    if (!institution) throw AppError.notFound(NOT_FOUND);
    return institution;
  }
}
