import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import type { Page } from '../../common/pagination';
import { normaliseHashtagGroup } from '../captions/hashtag-group';
import {
  CreateHashtagGroupDto,
  HashtagGroupResponse,
  toHashtagGroupResponse,
  UpdateHashtagGroupDto,
} from './hashtag-group.dto';
import { HashtagGroup } from './hashtag-group.entity';
import { LibraryCrud } from './library-crud';
import { DEFAULT_HASHTAG_GROUPS } from './library-defaults';
import type { LibraryListQueryDto } from './library.dto';
import { LibraryRepository } from './library.repository';

export const HASHTAG_GROUP_ENTITY = { id: 'Kelompok tagar', en: 'Hashtag group' };

/** The tags as stored (no '#', one spelling each), or a 400 on `tags` listing every problem. */
export function normaliseTags(inputs: readonly string[]): string[] {
  const result = normaliseHashtagGroup(inputs);
  if (result.ok) return result.tags;
  const [first] = result.errors;
  const where =
    first.index === null
      ? { id: '', en: '' }
      : { id: ` (tagar ke-${first.index + 1})`, en: ` (hashtag ${first.index + 1})` };
  throw AppError.validation(
    'tags',
    { id: `${first.reason.id}${where.id}`, en: `${first.reason.en}${where.en}` },
    { errors: result.errors },
  );
}

@Injectable()
export class HashtagGroupService {
  private readonly crud: LibraryCrud<HashtagGroup, HashtagGroupResponse>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    repository: LibraryRepository,
    audit: AuditService,
  ) {
    this.crud = new LibraryCrud(
      {
        entity: HashtagGroup,
        labelColumn: 'name',
        uniqueIndex: 'uq_hashtag_groups_name',
        noun: HASHTAG_GROUP_ENTITY,
        taken: {
          id: 'Nama kelompok tagar ini sudah dipakai di lembaga Anda',
          en: 'This hashtag group name is already used in your institution',
        },
        auditType: 'hashtag_group',
        toResponse: toHashtagGroupResponse,
        auditView: toHashtagGroupResponse,
      },
      dataSource,
      repository,
      audit,
    );
  }

  list(scope: RequestScope, query: LibraryListQueryDto): Promise<Page<HashtagGroupResponse>> {
    return this.crud.list(scope, query);
  }

  get(scope: RequestScope, id: string): Promise<HashtagGroupResponse> {
    return this.crud.get(scope, id);
  }

  create(scope: RequestScope, dto: CreateHashtagGroupDto): Promise<HashtagGroupResponse> {
    return this.crud.create(scope, { name: dto.name, tags: normaliseTags(dto.tags) });
  }

  update(
    scope: RequestScope,
    id: string,
    dto: UpdateHashtagGroupDto,
  ): Promise<HashtagGroupResponse> {
    const tags = dto.tags === undefined ? undefined : normaliseTags(dto.tags);
    return this.crud.update(scope, id, { name: dto.name, tags });
  }

  delete(scope: RequestScope, id: string): Promise<void> {
    return this.crud.delete(scope, id);
  }

  /** For posts: the institution's group, or a 404 naming `field`. */
  requireFor(
    institutionId: string,
    id: string,
    manager?: EntityManager,
    field = 'hashtagGroupId',
  ): Promise<HashtagGroup> {
    return this.crud.require(institutionId, id, manager, false, field);
  }

  /** The shipped groups the institution does not have yet (by name); safe to call again. */
  seedDefaults(
    institutionId: string,
    manager: EntityManager,
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<HashtagGroup[]> {
    return this.crud.seed(
      institutionId,
      DEFAULT_HASHTAG_GROUPS.map((group) => ({
        name: group.name,
        tags: normaliseTags(group.tags),
      })),
      manager,
      actor,
    );
  }
}
