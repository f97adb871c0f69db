import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, type LocalizedText } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { PostDrafts, type PostDraft } from '../../content/posts/post-drafts.service';
import { postAuditView } from '../../content/posts/post-presenter';
import { POST_AUDIT_TYPE } from '../../content/posts/post.service';
import { PostRepository } from '../../content/posts/post.repository';
import type { CalendarZone } from '../local-time';
import { readPlanFile, type PlanColumn, type PlanError } from '../plan-file';
import type { UploadedBinary } from '../../media/upload.interceptor';
import type { PlanImport } from './plan-import.entity';
import { type PlanImportResponse, toPlanImportResponse } from './planning.dto';
import { PlanRowChecker, type ResolvedRow } from './plan-row-checker';
import { PlanningRepository } from './planning.repository';

/** Files with more rows are imported in the background; the caller polls the import. */
export const BACKGROUND_ROWS = 500;
const PROGRESS_EVERY = 100;
const MAX_ERRORS = 200;
const IMPORT = { id: 'Impor rencana', en: 'Plan import' };

export interface ImportOutcome {
  plan: PlanImport;
  /** False when the import goes on in the background. */
  finished: boolean;
}

/**
 * Imports a weekly plan: every row is checked (file format, then the database) before anything
 * is written; then every row becomes a draft post in one transaction, so a file imports whole or
 * not at all. Drafts are composed by the posts feature (captions, renders) before the
 * transaction opens, as PostService does.
 */
@Injectable()
export class PlanImportService {
  private readonly logger = new Logger(PlanImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PlanningRepository,
    private readonly checker: PlanRowChecker,
    private readonly drafts: PostDrafts,
    private readonly posts: PostRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async start(scope: RequestScope, file: Buffer, fileName: string): Promise<ImportOutcome> {
    const institutionId = scope.requireInstitution();
    const institution = await this.repository.timeZoneOf(institutionId);
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    const plan = await this.repository.insertImport({
      institutionId,
      status: 'validating',
      fileName: fileName.slice(0, 255),
      errors: [],
      createdBy: scope.user.id,
      totalRows: 0,
      processedRows: 0,
      createdPosts: 0,
    });
    const zone = institution.timeZone as CalendarZone;
    const rowCount = countLines(file);
    if (rowCount <= BACKGROUND_ROWS) {
      await this.run(scope, plan, file, zone);
      return {
        plan: (await this.repository.findImport(plan.id, institutionId)) ?? plan,
        finished: true,
      };
    }
    void this.run(scope, plan, file, zone).catch((error: unknown) => {
      this.logger.error({ err: error, importId: plan.id }, 'plan import failed');
    });
    return { plan, finished: false };
  }

  /**
   * The upload: 201 with the finished import, 202 while a large one goes on in the background,
   * or 400 listing every { row, column, message } (nothing stored but the failed import record).
   */
  async upload(
    scope: RequestScope,
    file: UploadedBinary | undefined,
    setStatus: (status: number) => void,
  ): Promise<PlanImportResponse> {
    if (!file || file.size === 0) {
      throw AppError.validation('file', {
        id: "Kirim berkas rencana (CSV atau XLSX) di kolom 'file'",
        en: "Send the plan file (CSV or XLSX) in the 'file' field",
      });
    }
    const { plan, finished } = await this.start(scope, file.buffer, file.originalname);
    if (finished && plan.status === 'failed') {
      const count = plan.errors.length;
      throw AppError.validation(
        'file',
        {
          id: `Rencana tidak diimpor: ${count} kesalahan; tidak ada yang disimpan`,
          en: `The plan was not imported: ${count} errors; nothing was stored`,
        },
        plan.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
      );
    }
    setStatus(finished ? 201 : 202);
    return toPlanImportResponse(plan);
  }

  async get(scope: RequestScope, id: string): Promise<PlanImportResponse> {
    const plan = await this.repository.findImport(id, scope.institutionFilter);
    if (!plan) throw AppError.notFound(IMPORT);
    return toPlanImportResponse(plan);
  }

  private async run(scope: RequestScope, plan: PlanImport, file: Buffer, zone: CalendarZone) {
    const institutionId = plan.institutionId;
    const now = this.clock.now();
    const { check, resolved } = this.checker.forInstitution(institutionId, zone);
    // Progress writes are chained so a late one never lands after the final status.
    let progress: Promise<unknown> = Promise.resolve();
    const report = (processedRows: number) => {
      progress = progress
        .then(() => this.repository.updateImport(plan.id, { processedRows }))
        .catch(() => undefined);
    };
    try {
      const read = await readPlanFile(file, {
        check,
        zone,
        now,
        maxErrors: MAX_ERRORS,
        progressEvery: PROGRESS_EVERY,
        onProgress: (p) => report(p.rowsRead),
      });
      await progress;
      const total = countRows(read.rows, read.errors);
      await this.repository.updateImport(plan.id, { totalRows: total, processedRows: total });
      if (read.errors.length === 0 && read.rows.length === 0) {
        return await this.fail(plan.id, [{ row: 0, column: null, message: EMPTY }]);
      }
      if (read.errors.length > 0) return await this.fail(plan.id, read.errors);
      await this.repository.updateImport(plan.id, { status: 'importing', processedRows: 0 });
      const composed: { resolved: ResolvedRow; draft: PostDraft }[] = [];
      const errors: PlanError[] = [];
      for (const row of resolved) {
        try {
          composed.push({ resolved: row, draft: await this.compose(institutionId, row, now) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          errors.push({ row: row.row.row, column: columnOf(error.field), message: error.text });
        }
        if (composed.length % PROGRESS_EVERY === 0) report(composed.length);
      }
      await progress;
      if (errors.length > 0) return await this.fail(plan.id, errors);
      await this.dataSource.transaction(async (manager) => {
        for (const item of composed) await this.store(manager, scope, plan, item.draft);
        await this.repository.updateImport(
          plan.id,
          {
            status: 'done',
            processedRows: composed.length,
            createdPosts: composed.length,
            finishedAt: this.clock.now(),
          },
          manager,
        );
      });
    } catch (error) {
      await progress;
      const message = error instanceof AppError ? error.text : UNREADABLE;
      await this.fail(plan.id, [{ row: 0, column: null, message }]);
      if (!(error instanceof AppError)) throw error;
    }
  }

  private compose(institutionId: string, row: ResolvedRow, now: Date): Promise<PostDraft> {
    const caption = row.row.caption;
    const captions = caption === null ? {} : { instagram: caption, facebook: caption, x: caption };
    return this.drafts.compose(
      institutionId,
      {
        title: row.productName,
        productId: row.productId,
        mediaAssetIds: row.mediaAssetIds,
        imageTemplateId: row.imageTemplateId,
        captionTemplateId: row.captionTemplateId,
        hashtagGroupId: null,
        variables: {},
        socialAccountIds: row.socialAccountIds,
        plannedAt: row.plannedAt,
      },
      {
        captions: { explicit: captions, stored: {}, refill: false },
        images: 'render',
        postId: null,
        mustBeCleared: new Set(row.mediaAssetIds),
      },
      now,
    );
  }

  private async store(
    manager: EntityManager,
    scope: RequestScope,
    plan: PlanImport,
    draft: PostDraft,
  ): Promise<void> {
    const input = draft.input;
    const post = await this.posts.insert(manager, {
      institutionId: plan.institutionId,
      productId: input.productId,
      title: input.title,
      status: 'draft',
      statusReason: null,
      imageTemplateId: input.imageTemplateId,
      captionTemplateId: input.captionTemplateId,
      hashtagGroupId: null,
      variables: input.variables,
      plannedAt: input.plannedAt,
      draftedBy: scope.user.id,
      lastEditedBy: scope.user.id,
      submittedAt: null,
      approvedBy: null,
      approvedAt: null,
    });
    const renderIds = draft.images.map((image) => image.id);
    await this.posts.replaceMedia(manager, post, input.mediaAssetIds);
    await this.posts.syncVariants(
      manager,
      post,
      draft.context.networks.map((network) => ({
        network,
        caption: draft.captions[network],
        renderIds,
      })),
    );
    await this.posts.syncTargets(manager, post, draft.context.accounts);
    const parts = {
      mediaAssetIds: input.mediaAssetIds,
      socialAccountIds: draft.context.accounts.map((a) => a.id),
      captions: draft.captions,
    };
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId: plan.institutionId,
        action: 'create',
        entityType: POST_AUDIT_TYPE,
        entityId: post.id,
        after: { ...postAuditView(post, parts), event: 'plan_import', importId: plan.id },
      },
      manager,
    );
  }

  private async fail(id: string, errors: PlanError[]): Promise<void> {
    await this.repository.updateImport(id, {
      status: 'failed',
      errors: errors.slice(0, MAX_ERRORS),
      finishedAt: this.clock.now(),
    });
  }
}

/** Data lines (CR/LF count) as a cheap size estimate before parsing; XLSX counts as small. */
function countLines(file: Buffer): number {
  if (file.subarray(0, 2).toString('latin1') === 'PK') return file.length > 200_000 ? 1000 : 0;
  let lines = 0;
  for (const byte of file) if (byte === 0x0a) lines += 1;
  return lines;
}

/** Rows read, whether they parsed or not (`rows` may include rows the check refused). */
function countRows(rows: readonly { row: number }[], errors: readonly PlanError[]): number {
  const numbers = new Set(rows.map((r) => r.row));
  for (const error of errors) if (error.row > 0) numbers.add(error.row);
  return numbers.size;
}

const FIELD_COLUMNS: Record<string, PlanColumn> = {
  productId: 'sku',
  socialAccountIds: 'networks',
  imageTemplateId: 'template',
  captionTemplateId: 'caption_template',
  plannedAt: 'time',
};

function columnOf(field: string | undefined): PlanColumn | null {
  if (!field) return null;
  if (field.startsWith('mediaAssetIds')) return 'photo';
  return FIELD_COLUMNS[field] ?? null;
}

const EMPTY: LocalizedText = {
  id: 'Berkas tidak berisi satu baris rencana pun',
  en: 'The file holds no plan rows',
};
const UNREADABLE: LocalizedText = {
  id: 'Impor gagal karena kesalahan server',
  en: 'The import failed with a server error',
};
