import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditAction, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { Permission, roleHas } from '../../auth/roles';
import { AppError, type LocalizedText } from '../../common/app-error';
import { SchedulingRules } from '../../calendar/scheduling.service';
import { Clock } from '../../common/clock';
import { DueSignal } from '../../publishing/due-signal/due-signal';
import { contentChecks, FindingView, problemsError } from './post-checks';
import { PostDrafts } from './post-drafts.service';
import { futureInstant } from './post-input';
import { PostPresenter } from './post-presenter';
import { iso, PostCommentView, PostResponse } from './post-response.dto';
import {
  PostEvent,
  PostEventInputs,
  PostForTransition,
  PostStatus,
  transition,
  TransitionActor,
  transitionError,
} from './post-status';
import {
  ApprovePostDto,
  CancelPostDto,
  DignityOverrideDto,
  PostCommentDto,
  RequestChangesDto,
  SchedulePostDto,
} from './post.dto';
import type { Post } from './post.entity';
import { PostRepository } from './post.repository';
import { POST_AUDIT_TYPE, POST_ENTITY, staleVersion } from './post.service';

const PASSING = { unresolvedFindings: 0, invalidCaptions: 0 };
/** Overrides belong to content still being prepared or reviewed. */
const OVERRIDABLE: readonly PostStatus[] = ['draft', 'in_review', 'changes_requested'];
const STATUS_REASON_MAX = 500;

function ensure<E extends PostEvent>(
  post: PostForTransition,
  event: E,
  actor: TransitionActor,
  inputs: PostEventInputs[E],
): PostStatus {
  const result = transition(post, event, actor, inputs);
  if (!result.ok) throw transitionError(result);
  return result.status;
}

function auditView(post: Post) {
  return {
    status: post.status,
    statusReason: post.statusReason,
    plannedAt: iso(post.plannedAt),
    approvedBy: post.approvedBy,
    version: post.version,
  };
}

/**
 * Review and life cycle: submit, four-eyes approval, requests for changes, dignity overrides,
 * comments, cancel, reopen and scheduling. Checks run on the stored content before the
 * transaction; the transaction then refuses (409) if the post changed meanwhile.
 *
 * Overrides follow four-eyes too: whoever drafted or last edited a post cannot override its
 * findings, because an override is a sign-off on the content just like an approval.
 */
@Injectable()
export class PostReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostRepository,
    private readonly drafts: PostDrafts,
    private readonly presenter: PostPresenter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendarRules: SchedulingRules,
    private readonly due: DueSignal,
  ) {}

  async submit(scope: RequestScope, id: string): Promise<PostResponse> {
    const now = this.clock.now();
    const post = await this.requireVisible(scope, id);
    ensure(post, 'submit', actor(scope), PASSING);
    const { checks } = await this.drafts.ofStored(post, now);
    if (!checks.canSubmit) throw problemsError({ id: 'diajukan', en: 'submitted' }, checks);
    return this.commit(scope, id, post.version, async (manager, current) => {
      const status = ensure(current, 'submit', actor(scope), contentChecks(checks));
      const saved = await this.posts.update(manager, current, {
        status,
        statusReason: null,
        submittedAt: now,
      });
      await this.record(scope, manager, 'update', current, saved, 'submit');
      return saved;
    });
  }

  async approve(scope: RequestScope, id: string, dto: ApprovePostDto): Promise<PostResponse> {
    const now = this.clock.now();
    const post = await this.requireVisible(scope, id);
    ensure(post, 'approve', actor(scope), {});
    const { checks } = await this.drafts.ofStored(post, now);
    if (!checks.canSubmit) throw problemsError({ id: 'disetujui', en: 'approved' }, checks);
    return this.commit(scope, id, post.version, async (manager, current) => {
      const status = ensure(current, 'approve', actor(scope), {});
      const saved = await this.posts.update(manager, current, {
        status,
        statusReason: null,
        approvedBy: scope.user.id,
        approvedAt: now,
      });
      await this.posts.insertComment(manager, saved, scope.user.id, 'approved', dto.comment ?? '');
      await this.record(scope, manager, 'approve', current, saved, 'approve');
      return saved;
    });
  }

  async requestChanges(
    scope: RequestScope,
    id: string,
    dto: RequestChangesDto,
  ): Promise<PostResponse> {
    return this.commit(scope, id, null, async (manager, current) => {
      const status = ensure(current, 'request_changes', actor(scope), { comment: dto.comment });
      const saved = await this.posts.update(manager, current, {
        status,
        statusReason: dto.comment.slice(0, STATUS_REASON_MAX),
      });
      await this.posts.insertComment(
        manager,
        saved,
        scope.user.id,
        'changes_requested',
        dto.comment,
      );
      await this.record(scope, manager, 'reject', current, saved, 'request_changes');
      return saved;
    });
  }

  /** An approver accepts one current dignity finding with a written reason. */
  async override(scope: RequestScope, id: string, dto: DignityOverrideDto): Promise<PostResponse> {
    const post = await this.requireVisible(scope, id);
    this.ensureCanOverride(scope, post);
    const draft = await this.drafts.ofStored(post, this.clock.now());
    const finding = findingFor(
      [...draft.checks.variants.flatMap((v) => v.findings), ...draft.checks.imageTextFindings],
      dto,
    );
    return this.commit(scope, id, null, async (manager, current) => {
      this.ensureCanOverride(scope, current);
      const row = await this.posts.insertOverride(manager, {
        postId: current.id,
        institutionId: current.institutionId,
        source: finding.source,
        category: finding.category,
        match: finding.match,
        reason: dto.reason,
        overriddenBy: scope.user.id,
      });
      await this.posts.insertComment(
        manager,
        current,
        scope.user.id,
        'override',
        `${finding.category} "${finding.match}" (${finding.source}): ${dto.reason}`,
      );
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: current.institutionId,
          action: 'override',
          entityType: POST_AUDIT_TYPE,
          entityId: current.id,
          after: {
            overrideId: row.id,
            source: row.source,
            category: row.category,
            match: row.match,
            reason: row.reason,
          },
        },
        manager,
      );
      return current;
    });
  }

  async comment(scope: RequestScope, id: string, dto: PostCommentDto): Promise<PostCommentView> {
    const post = await this.requireVisible(scope, id);
    const comment = await this.dataSource.transaction(async (manager) => {
      const row = await this.posts.insertComment(manager, post, scope.user.id, 'comment', dto.body);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: post.institutionId,
          action: 'create',
          entityType: 'post_comment',
          entityId: row.id,
          after: { postId: post.id, kind: row.kind, body: row.body },
        },
        manager,
      );
      return row;
    });
    return {
      id: comment.id,
      authorId: comment.authorId,
      kind: comment.kind,
      body: comment.body,
      createdAt: comment.createdAt.toISOString(),
    };
  }

  async cancel(scope: RequestScope, id: string, dto: CancelPostDto): Promise<PostResponse> {
    return this.commit(scope, id, null, async (manager, current) => {
      const status = ensure(current, 'cancel', actor(scope), { reason: dto.reason });
      const saved = await this.posts.update(manager, current, {
        status,
        statusReason: dto.reason || null,
      });
      await this.posts.updateOpenTargets(manager, current.id, {
        status: 'cancelled',
        nextAttemptAt: null,
      });
      await this.record(scope, manager, 'update', current, saved, 'cancel');
      return saved;
    });
  }

  /** A cancelled post becomes a draft again and needs a fresh review. */
  async reopen(scope: RequestScope, id: string): Promise<PostResponse> {
    return this.commit(scope, id, null, async (manager, current) => {
      const status = ensure(current, 'reopen', actor(scope), {});
      const saved = await this.posts.update(manager, current, {
        status,
        statusReason: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
      });
      await this.posts.updateOpenTargets(manager, current.id, {
        status: 'pending',
        plannedAt: null,
        nextAttemptAt: null,
      });
      await this.record(scope, manager, 'update', current, saved, 'reopen');
      return saved;
    });
  }

  /**
   * Approved → scheduled at a future time: the targets become due then. The photos must be
   * cleared at that time, and the time must lie outside the institution's blackout dates.
   */
  async schedule(scope: RequestScope, id: string, dto: SchedulePostDto): Promise<PostResponse> {
    const now = this.clock.now();
    const plannedAt = futureInstant(dto.plannedAt, now) as Date;
    const post = await this.requireVisible(scope, id);
    ensure(post, 'schedule', actor(scope), { plannedAt, now });
    await this.calendarRules.assertSchedulable(post.institutionId, plannedAt);
    const { checks } = await this.drafts.ofStored(post, now, plannedAt);
    if (!checks.canSubmit) throw problemsError({ id: 'dijadwalkan', en: 'scheduled' }, checks);
    const response = await this.commit(scope, id, post.version, async (manager, current) => {
      const status = ensure(current, 'schedule', actor(scope), { plannedAt, now });
      const saved = await this.posts.update(manager, current, {
        status,
        statusReason: null,
        plannedAt,
      });
      await this.posts.updateOpenTargets(manager, current.id, {
        status: 'pending',
        plannedAt,
        nextAttemptAt: plannedAt,
      });
      await this.record(scope, manager, 'update', current, saved, 'schedule');
      return saved;
    });
    this.due.fallsDue(plannedAt);
    return response;
  }

  private ensureCanOverride(scope: RequestScope, post: Post): void {
    if (post.draftedBy === scope.user.id || post.lastEditedBy === scope.user.id) {
      throw AppError.forbidden({
        id: 'Anda menyusun atau terakhir mengubah postingan ini; pengecualian harus diberikan petugas lain',
        en: 'You drafted or last edited this post; another officer must grant the override',
      });
    }
    if (!OVERRIDABLE.includes(post.status)) {
      throw AppError.conflict('status', {
        id: 'Pengecualian hanya dapat diberikan sebelum postingan disetujui',
        en: 'Findings can only be overridden before the post is approved',
      });
    }
  }

  /** Locks the post; with `readVersion`, refuses when it changed since the checks read it. */
  private async commit(
    scope: RequestScope,
    id: string,
    readVersion: number | null,
    work: (manager: EntityManager, post: Post) => Promise<Post>,
  ): Promise<PostResponse> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const post = await this.posts.findVisible(id, scope.institutionFilter, manager, true);
      if (!post) throw AppError.notFound(POST_ENTITY);
      if (readVersion !== null && post.version !== readVersion) throw staleVersion();
      return work(manager, post);
    });
    return this.presenter.detail(saved, scope.user);
  }

  private async requireVisible(scope: RequestScope, id: string): Promise<Post> {
    const post = await this.posts.findVisible(id, scope.institutionFilter);
    if (!post) throw AppError.notFound(POST_ENTITY);
    return post;
  }

  private async record(
    scope: RequestScope,
    manager: EntityManager,
    action: AuditAction,
    before: Post,
    after: Post,
    event: PostEvent,
  ): Promise<void> {
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId: after.institutionId,
        action,
        entityType: POST_AUDIT_TYPE,
        entityId: after.id,
        before: auditView(before),
        after: { ...auditView(after), event },
      },
      manager,
    );
  }
}

function actor(scope: RequestScope): TransitionActor {
  return { id: scope.user.id, canApprove: roleHas(scope.user.role, Permission.ContentApprove) };
}

function findingFor(findings: readonly FindingView[], dto: DignityOverrideDto): FindingView {
  const match = dto.match.toLowerCase();
  const finding = findings.find(
    (f) =>
      f.source === dto.source && f.category === dto.category && f.match.toLowerCase() === match,
  );
  if (!finding) {
    throw AppError.validation('match', notFound(dto));
  }
  if (finding.resolved) {
    throw AppError.conflict('match', {
      id: 'Temuan ini sudah diberi pengecualian',
      en: 'This finding has already been overridden',
    });
  }
  return finding;
}

function notFound(dto: DignityOverrideDto): LocalizedText {
  return {
    id: `Tidak ada temuan ${dto.category} "${dto.match}" pada ${dto.source} di isi postingan saat ini`,
    en: `There is no ${dto.category} finding "${dto.match}" in ${dto.source} of the post's current content`,
  };
}
