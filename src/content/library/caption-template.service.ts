import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import type { Page } from '../../common/pagination';
import { parseCaptionTemplate } from '../captions/caption-template';
import {
  CaptionTemplateListQuery,
  CaptionTemplateResponse,
  CreateCaptionTemplateDto,
  toCaptionTemplateResponse,
  UpdateCaptionTemplateDto,
} from './caption-template.dto';
import { CaptionTemplate } from './caption-template.entity';
import { LibraryCrud } from './library-crud';
import { DEFAULT_CAPTION_TEMPLATES } from './library-defaults';
import { LibraryRepository } from './library.repository';

export const CAPTION_TEMPLATE_ENTITY = { id: 'Templat keterangan', en: 'Caption template' };

/** Refuses a body with unknown variables or broken braces, naming the first problem's position. */
export function assertCaptionTemplateBody(body: string, field = 'body'): void {
  const { errors } = parseCaptionTemplate(body);
  if (errors.length > 0) throw AppError.validation(field, errors[0].message, { errors });
}

@Injectable()
export class CaptionTemplateService {
  private readonly crud: LibraryCrud<CaptionTemplate, CaptionTemplateResponse>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    repository: LibraryRepository,
    audit: AuditService,
  ) {
    this.crud = new LibraryCrud(
      {
        entity: CaptionTemplate,
        labelColumn: 'name',
        uniqueIndex: 'uq_caption_templates_name',
        noun: CAPTION_TEMPLATE_ENTITY,
        taken: {
          id: 'Nama templat keterangan ini sudah dipakai di lembaga Anda',
          en: 'This caption template name is already used in your institution',
        },
        auditType: 'caption_template',
        toResponse: toCaptionTemplateResponse,
        auditView: toCaptionTemplateResponse,
      },
      dataSource,
      repository,
      audit,
    );
  }

  list(
    scope: RequestScope,
    query: CaptionTemplateListQuery,
  ): Promise<Page<CaptionTemplateResponse>> {
    return this.crud.list(scope, query);
  }

  get(scope: RequestScope, id: string): Promise<CaptionTemplateResponse> {
    return this.crud.get(scope, id);
  }

  create(scope: RequestScope, dto: CreateCaptionTemplateDto): Promise<CaptionTemplateResponse> {
    assertCaptionTemplateBody(dto.body);
    return this.crud.create(scope, {
      name: dto.name,
      body: dto.body,
      network: dto.network ?? null,
    });
  }

  update(
    scope: RequestScope,
    id: string,
    dto: UpdateCaptionTemplateDto,
  ): Promise<CaptionTemplateResponse> {
    if (dto.body !== undefined) assertCaptionTemplateBody(dto.body);
    return this.crud.update(scope, id, { name: dto.name, body: dto.body, network: dto.network });
  }

  delete(scope: RequestScope, id: string): Promise<void> {
    return this.crud.delete(scope, id);
  }

  /** For posts: the institution's template, or a 404 naming `field`. */
  requireFor(
    institutionId: string,
    id: string,
    manager?: EntityManager,
    field = 'captionTemplateId',
  ): Promise<CaptionTemplate> {
    return this.crud.require(institutionId, id, manager, false, field);
  }

  /** The shipped templates the institution does not have yet (by name); safe to call again. */
  seedDefaults(
    institutionId: string,
    manager: EntityManager,
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<CaptionTemplate[]> {
    return this.crud.seed(
      institutionId,
      DEFAULT_CAPTION_TEMPLATES.map((t) => ({ name: t.name, body: t.body, network: t.network })),
      manager,
      actor,
    );
  }
}
