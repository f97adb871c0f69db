import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, ErrorCode } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { Page, pageOf, pageOffset } from '../../common/pagination';
import { withUniqueFields } from '../../catalogue/unique-violation';
import { parseTemplate, Template, TemplateIssue } from '../rendering/template';
import {
  CreateImageTemplateDto,
  IMAGE_TEMPLATE,
  ImageTemplateListQuery,
  ImageTemplateResponse,
  toImageTemplateResponse,
} from './image-template.dto';
import { ImageTemplate } from './image-template.entity';
import { ImageTemplateRepository } from './image-template.repository';
import { sampleRenderViolations } from './template-network-check';

const AUDIT_TYPE = 'image_template';

const versionRace = (): AppError =>
  AppError.conflict('definition.id', {
    id: 'Versi template ini baru saja disimpan orang lain; muat ulang lalu coba lagi',
    en: 'Someone else just saved this template version; reload and try again',
  });
const UNIQUE_FIELDS = { uq_image_templates_key_version: versionRace };

/** A template ready to render: its row (for the id) and its definition. */
export interface UsableTemplate {
  row: ImageTemplate;
  template: Template;
}

/**
 * Image templates: the shipped built-ins (read-only) and each institution's own, created from
 * JSON and changed only by adding versions.
 */
@Injectable()
export class ImageTemplateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: ImageTemplateRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    scope: RequestScope,
    query: ImageTemplateListQuery,
  ): Promise<Page<ImageTemplateResponse>> {
    const [rows, total] = await this.templates.listLatest(
      scope.institutionFilter,
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(rows.map(toImageTemplateResponse), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<ImageTemplateResponse> {
    const row = await this.templates.findVisible(id, scope.institutionFilter);
    if (!row) throw AppError.notFound(IMAGE_TEMPLATE);
    return toImageTemplateResponse(row);
  }

  /** The template of `id` if the institution may render with it (a built-in or its own). */
  async requireUsable(
    institutionId: string,
    id: string,
    manager?: EntityManager,
    field = 'imageTemplateId',
  ): Promise<UsableTemplate> {
    const row = await this.templates.findVisible(id, institutionId, manager);
    if (!row) throw AppError.notFound(IMAGE_TEMPLATE, field);
    return { row, template: row.definition };
  }

  async create(scope: RequestScope, dto: CreateImageTemplateDto): Promise<ImageTemplateResponse> {
    const institutionId = scope.requireInstitution();
    const template = parseDefinition({ ...dto.definition, version: 1 });
    await checkNetworks(template);
    return this.dataSource.transaction(async (manager) => {
      if (await this.templates.isBuiltInKey(template.id, manager)) {
        throw AppError.conflict('definition.id', {
          id: `'${template.id}' adalah id template bawaan; salin template bawaan dengan id lain`,
          en: `'${template.id}' is a built-in template's id; copy the built-in under another id`,
        });
      }
      if (await this.templates.keyExists(institutionId, template.id, manager)) {
        throw AppError.conflict('definition.id', {
          id: `Template '${template.id}' sudah ada; tambahkan versi baru lewat /image-templates/{id}/versions`,
          en: `Template '${template.id}' already exists; add a new version with /image-templates/{id}/versions`,
        });
      }
      return this.insert(scope, institutionId, template, manager, undefined);
    });
  }

  /** A new version of an institution template; older versions stay for the posts using them. */
  async createVersion(
    scope: RequestScope,
    id: string,
    dto: CreateImageTemplateDto,
  ): Promise<ImageTemplateResponse> {
    const source = await this.templates.findVisible(id, scope.institutionFilter);
    if (!source) throw AppError.notFound(IMAGE_TEMPLATE);
    if (source.isBuiltin || source.institutionId === null) {
      throw AppError.conflict('id', {
        id: 'Template bawaan tidak dapat diubah; salin definisinya dengan id baru lewat POST /image-templates',
        en: 'Built-in templates cannot be changed; copy its definition under a new id with POST /image-templates',
      });
    }
    if (dto.definition.id !== undefined && dto.definition.id !== source.key) {
      throw AppError.validation('definition.id', {
        id: `Versi baru harus tetap ber-id '${source.key}'; buat template baru untuk id lain`,
        en: `A new version must keep the id '${source.key}'; create a new template for another id`,
      });
    }
    const institutionId = source.institutionId;
    const draft = parseDefinition({ ...dto.definition, id: source.key, version: 1 });
    await checkNetworks(draft);
    return this.dataSource.transaction(async (manager) => {
      const version = (await this.templates.latestVersion(institutionId, source.key, manager)) + 1;
      const previous = toImageTemplateResponse(source);
      return this.insert(scope, institutionId, { ...draft, version }, manager, previous);
    });
  }

  private async insert(
    scope: RequestScope,
    institutionId: string,
    template: Template,
    manager: EntityManager,
    previous: ImageTemplateResponse | undefined,
  ): Promise<ImageTemplateResponse> {
    const row = await withUniqueFields(
      () =>
        this.templates.insert(
          {
            institutionId,
            key: template.id,
            version: template.version,
            name: template.name,
            networks: template.networks,
            definition: template,
            isBuiltin: false,
            createdBy: scope.user.id,
            createdAt: this.clock.now(),
          },
          manager,
        ),
      UNIQUE_FIELDS,
    );
    const response = toImageTemplateResponse(row);
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId,
        action: 'create',
        entityType: AUDIT_TYPE,
        entityId: row.id,
        before: previous && { id: previous.id, key: previous.key, version: previous.version },
        after: response,
      },
      manager,
    );
    return response;
  }
}

/** parseTemplate, with paths named from the request body (`definition.texts[2].binding`). */
function parseDefinition(json: Record<string, unknown>): Template {
  try {
    return parseTemplate(json);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const inBody = (path: string | undefined) =>
      !path || path === 'template' ? 'definition' : `definition.${path}`;
    const found = (error.details as { issues?: TemplateIssue[] } | undefined)?.issues ?? [];
    const issues = found.map((issue) => ({ ...issue, path: inBody(issue.path) }));
    const first = issues[0] ?? { path: inBody(error.field), message: error.text.en };
    throw AppError.validation(
      first.path,
      {
        id: `Template tidak valid pada ${first.path}: ${first.message}`,
        en: `Invalid template at ${first.path}: ${first.message}`,
      },
      { issues },
    );
  }
}

/** Refuses a template whose output breaks a rule of a network it claims (422 naming both). */
async function checkNetworks(template: Template): Promise<void> {
  const violations = await sampleRenderViolations(template);
  if (violations.length === 0) return;
  const index = template.networks.indexOf(violations[0].network);
  throw new AppError(
    ErrorCode.UnprocessableEntity,
    {
      id: `Hasil template melanggar aturan jaringan: ${violations.map((v) => v.message.id).join('; ')}`,
      en: `The template's output breaks network rules: ${violations.map((v) => v.message.en).join('; ')}`,
    },
    `definition.networks[${index}]`,
    { violations },
  );
}
