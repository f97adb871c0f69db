import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { postAuditView } from '../../content/posts/post-presenter';
import { POST_AUDIT_TYPE } from '../../content/posts/post.service';
import { PostRepository } from '../../content/posts/post.repository';
import { parseIsoWeek, type IsoWeek } from '../iso-week';
import { addDaysToDate, DAY_MS, instantOf, toLocal, type CalendarZone } from '../local-time';
import type { PlanEntry } from '../plan-file';
import { writePlanCsv, writePlanXlsx } from '../plan-export';
import { orThrow } from '../result';
import type { CopyWeekDto, ExportQuery } from './planning.dto';
import { PlanningRepository } from './planning.repository';

const QUIET_DAYS = 30;

export interface ExportedFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Week-level planning: export a week as a plan file, copy a week, the week's summary. */
@Injectable()
export class PlanWeekService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PlanningRepository,
    private readonly posts: PostRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async export(scope: RequestScope, query: ExportQuery): Promise<ExportedFile> {
    const institutionId = scope.requireInstitution();
    const week = await this.week(institutionId, query.week, 'week');
    const planned = await this.repository.plannedPosts(institutionId, week.start, week.end);
    const entries: PlanEntry[] = planned
      .filter((p) => p.sku !== null)
      .map((p) => {
        const local = toLocal(p.plannedAt, week.zone);
        const networks = p.targets.filter((t) => t.status !== 'cancelled').map((t) => t.network);
        return {
          date: local.date,
          time: local.time,
          sku: p.sku as string,
          networks,
          template: p.templateKey,
          caption: networks.length > 0 ? (p.captions[networks[0]] ?? null) : null,
          captionTemplate: p.captionTemplateName,
          photo: p.mediaAssetIds[0] ?? null,
        };
      });
    const xlsx = query.format === 'xlsx';
    const body = xlsx
      ? await writePlanXlsx(entries, { lang: query.lang })
      : writePlanCsv(entries, { lang: query.lang });
    await this.dataSource.transaction((manager) =>
      this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'export',
          entityType: 'calendar_plan',
          entityId: null,
          after: { week: week.label, format: xlsx ? 'xlsx' : 'csv', rows: entries.length },
        },
        manager,
      ),
    );
    return {
      body,
      contentType: xlsx
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
      fileName: `rencana-${week.label}.${xlsx ? 'xlsx' : 'csv'}`,
    };
  }

  /**
   * Copies every post of `fromWeek` (except cancelled ones) into `toWeek` as a draft at the same
   * local weekday and time; copies need approval again. Slots already past are skipped.
   */
  async copyWeek(scope: RequestScope, dto: CopyWeekDto) {
    const institutionId = scope.requireInstitution();
    const from = await this.week(institutionId, dto.fromWeek, 'fromWeek');
    const to = await this.week(institutionId, dto.toWeek, 'toWeek');
    const now = this.clock.now();
    if (to.end.getTime() <= now.getTime()) {
      throw AppError.validation('toWeek', {
        id: 'Minggu tujuan sudah lewat',
        en: 'The target week is in the past',
      });
    }
    const days = Math.round((to.start.getTime() - from.start.getTime()) / DAY_MS);
    const planned = await this.repository.plannedPosts(institutionId, from.start, from.end);
    const created: string[] = [];
    const skipped: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      for (const source of planned) {
        const post = await this.posts.findVisible(source.id, institutionId, manager);
        if (!post?.plannedAt) continue;
        const local = toLocal(post.plannedAt, from.zone);
        const plannedAt = instantOf(addDaysToDate(local.date, days), local.time, from.zone);
        if (plannedAt.getTime() <= now.getTime()) {
          skipped.push(post.id);
          continue;
        }
        const [media, targets, variants] = [
          await this.posts.mediaOf([post.id], manager),
          await this.posts.targetsOf([post.id], manager),
          await this.posts.variantsOf([post.id], manager),
        ];
        const accounts = targets
          .filter((t) => t.status !== 'cancelled')
          .map((t) => ({ id: t.socialAccountId, network: t.network }));
        const copy = await this.posts.insert(manager, {
          institutionId,
          productId: post.productId,
          title: post.title,
          status: 'draft',
          statusReason: null,
          imageTemplateId: post.imageTemplateId,
          captionTemplateId: post.captionTemplateId,
          hashtagGroupId: post.hashtagGroupId,
          variables: post.variables,
          plannedAt,
          draftedBy: scope.user.id,
          lastEditedBy: scope.user.id,
          submittedAt: null,
          approvedBy: null,
          approvedAt: null,
        });
        const mediaAssetIds = media.map((m) => m.mediaAssetId);
        const wanted = variants.filter((v) => accounts.some((a) => a.network === v.network));
        await this.posts.replaceMedia(manager, copy, mediaAssetIds);
        await this.posts.syncVariants(
          manager,
          copy,
          wanted.map((v) => ({ network: v.network, caption: v.caption, renderIds: v.renderIds })),
        );
        await this.posts.syncTargets(manager, copy, accounts);
        const captions = Object.fromEntries(wanted.map((v) => [v.network, v.caption]));
        await this.audit.record(
          {
            actor: actorOf(scope),
            institutionId,
            action: 'create',
            entityType: POST_AUDIT_TYPE,
            entityId: copy.id,
            after: {
              ...postAuditView(copy, {
                mediaAssetIds,
                socialAccountIds: accounts.map((a) => a.id),
                captions,
              }),
              event: 'copy_week',
              copiedFrom: post.id,
            },
          },
          manager,
        );
        created.push(copy.id);
      }
    });
    return { fromWeek: from.label, toWeek: to.label, created, skippedPast: skipped };
  }

  async summary(scope: RequestScope, weekText: string) {
    const institutionId = scope.requireInstitution();
    const week = await this.week(institutionId, weekText, 'week');
    const [byWorkshop, byProduct, byNetwork] = [
      await this.repository.countBy(institutionId, week.start, week.end, 'workshop'),
      await this.repository.countBy(institutionId, week.start, week.end, 'product'),
      await this.repository.countBy(institutionId, week.start, week.end, 'network'),
    ];
    const planned = await this.repository.plannedPosts(institutionId, week.start, week.end);
    const busy = new Set(planned.map((p) => toLocal(p.plannedAt, week.zone).date));
    const quiet = await this.repository.quietProducts(
      institutionId,
      new Date(this.clock.now().getTime() - QUIET_DAYS * DAY_MS),
    );
    return {
      week: week.label,
      timeZone: week.zone,
      totalPosts: planned.length,
      byWorkshop: byWorkshop.map((r) => ({ workshopId: r.key, name: r.label, posts: r.count })),
      byProduct: byProduct.map((r) => ({ productId: r.key, name: r.label, posts: r.count })),
      byNetwork: byNetwork.map((r) => ({ network: r.label, posts: r.count })),
      daysWithoutPosts: week.days.filter((d) => !busy.has(d)),
      productsNotPostedFor30Days: quiet.map((p) => ({
        productId: p.id,
        sku: p.sku,
        name: p.name,
        lastPlannedAt: p.lastPlannedAt?.toISOString() ?? null,
      })),
    };
  }

  private async week(
    institutionId: string,
    text: string,
    field: string,
  ): Promise<IsoWeek & { zone: CalendarZone }> {
    const institution = await this.repository.timeZoneOf(institutionId);
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    const zone = institution.timeZone as CalendarZone;
    return { ...orThrow(parseIsoWeek(text, zone, field)), zone };
  }
}
