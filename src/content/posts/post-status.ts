/**
 * A post's life cycle as a pure table plus guards. The service loads the post, calls
 * `transition`, and on success stores the returned status (and, for `edit`, the new last editor)
 * in the same transaction as the audit entry.
 *
 * Decisions beyond the issue text:
 * - `edit` keeps a draft or changes_requested post where it is. Editing an in_review, approved,
 *   scheduled or failed post sends it (back) to in_review when the edited content passes the
 *   submit checks, and to draft when it does not, so every post in review has passed the checks
 *   and saving an edit is never refused.
 * - `request_changes` needs an approver and a comment, but not four-eyes: asking for changes to
 *   one's own post publishes nothing.
 * - `pull_back` (product archived, consent withdrawn) works from every state in which nothing is
 *   on a platform and nothing is in flight, including draft (to record the visible reason) and
 *   failed (so a retry cannot publish it). In-flight and published posts are the publishing
 *   module's and the takedown tasks' business.
 * - `retry` needs a planned time like `schedule`; `reopen` turns a cancelled post into a draft
 *   that goes through review again. published is final.
 * - Who may trigger the dispatcher's events (`start_publishing`, `finish`) is the caller's
 *   concern: no route exposes them.
 */
import { AppError, ErrorCode, LocalizedText } from '../../common/app-error';

export const POST_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'changes_requested',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'cancelled',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const POST_EVENTS = [
  'submit',
  'approve',
  'request_changes',
  'edit',
  'schedule',
  'unschedule',
  'start_publishing',
  'finish',
  'retry',
  'cancel',
  'pull_back',
  'reopen',
] as const;
export type PostEvent = (typeof POST_EVENTS)[number];

type Destinations = Readonly<Partial<Record<PostStatus, readonly PostStatus[]>>>;

/** Event → from-status → the statuses it may lead to (the guard picks when there are several). */
export const POST_TRANSITIONS: Readonly<Record<PostEvent, Destinations>> = {
  submit: { draft: ['in_review'], changes_requested: ['in_review'] },
  approve: { in_review: ['approved'] },
  request_changes: { in_review: ['changes_requested'] },
  edit: {
    draft: ['draft'],
    changes_requested: ['changes_requested'],
    in_review: ['in_review', 'draft'],
    approved: ['in_review', 'draft'],
    scheduled: ['in_review', 'draft'],
    failed: ['in_review', 'draft'],
  },
  schedule: { approved: ['scheduled'] },
  unschedule: { scheduled: ['approved'] },
  start_publishing: { scheduled: ['publishing'] },
  finish: { publishing: ['published', 'partially_published', 'failed'] },
  retry: { failed: ['scheduled'], partially_published: ['scheduled'] },
  cancel: {
    draft: ['cancelled'],
    in_review: ['cancelled'],
    approved: ['cancelled'],
    changes_requested: ['cancelled'],
    scheduled: ['cancelled'],
  },
  pull_back: {
    draft: ['draft'],
    in_review: ['draft'],
    approved: ['draft'],
    changes_requested: ['draft'],
    scheduled: ['draft'],
    failed: ['draft'],
  },
  reopen: { cancelled: ['draft'] },
};

export const POST_TARGET_STATUSES = [
  'pending',
  'publishing',
  'retry_waiting',
  'published',
  'failed',
] as const;
export type PostTargetStatus = (typeof POST_TARGET_STATUSES)[number];

/** Results of the submit checks on the current content (dignity check, caption rules). */
export interface ContentChecks {
  /** Dignity findings not overridden by an approver. */
  unresolvedFindings: number;
  /** Caption variants with at least one violation. */
  invalidCaptions: number;
}

export interface PlannedTime {
  plannedAt: Date | null;
  now: Date;
}

type NoInputs = Record<string, never>;

/** What each event needs besides the post and the actor. */
export interface PostEventInputs {
  submit: ContentChecks;
  approve: NoInputs;
  request_changes: { comment: string };
  edit: ContentChecks;
  schedule: PlannedTime;
  unschedule: NoInputs;
  start_publishing: NoInputs;
  finish: { targetStatuses: readonly PostTargetStatus[] };
  retry: PlannedTime;
  cancel: { reason?: string };
  pull_back: { reason: string };
  reopen: NoInputs;
}

export interface PostForTransition {
  status: PostStatus;
  draftedBy: string;
  lastEditedBy: string | null;
}

export interface TransitionActor {
  id: string;
  canApprove: boolean;
}

export type TransitionRefusalCode =
  | 'transition_not_allowed'
  | 'approver_required'
  | 'four_eyes'
  | 'comment_required'
  | 'reason_required'
  | 'unresolved_findings'
  | 'invalid_captions'
  | 'planned_time_required'
  | 'planned_time_in_past'
  | 'targets_pending';

export interface TransitionRefusal {
  ok: false;
  code: TransitionRefusalCode;
  errorCode: ErrorCode;
  field?: string;
  message: LocalizedText;
}

export type TransitionResult = { ok: true; status: PostStatus } | TransitionRefusal;

export const POST_STATUS_LABELS: Readonly<Record<PostStatus, LocalizedText>> = {
  draft: { id: 'draf', en: 'draft' },
  in_review: { id: 'menunggu persetujuan', en: 'in review' },
  approved: { id: 'disetujui', en: 'approved' },
  changes_requested: { id: 'perlu perbaikan', en: 'changes requested' },
  scheduled: { id: 'terjadwal', en: 'scheduled' },
  publishing: { id: 'sedang diterbitkan', en: 'publishing' },
  published: { id: 'terbit', en: 'published' },
  partially_published: { id: 'terbit sebagian', en: 'partially published' },
  failed: { id: 'gagal', en: 'failed' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' },
};

const EVENT_LABELS: Readonly<Record<PostEvent, LocalizedText>> = {
  submit: { id: 'ajukan untuk ditinjau', en: 'submit for review' },
  approve: { id: 'setujui', en: 'approve' },
  request_changes: { id: 'minta perbaikan', en: 'request changes' },
  edit: { id: 'ubah', en: 'edit' },
  schedule: { id: 'jadwalkan', en: 'schedule' },
  unschedule: { id: 'batalkan jadwal', en: 'unschedule' },
  start_publishing: { id: 'mulai terbitkan', en: 'start publishing' },
  finish: { id: 'selesaikan penerbitan', en: 'finish publishing' },
  retry: { id: 'coba terbitkan lagi', en: 'retry' },
  cancel: { id: 'batalkan', en: 'cancel' },
  pull_back: { id: 'tarik kembali ke draf', en: 'pull back to draft' },
  reopen: { id: 'buka kembali', en: 'reopen' },
};

export function allowedEvents(status: PostStatus): PostEvent[] {
  return POST_EVENTS.filter((event) => POST_TRANSITIONS[event][status] !== undefined);
}

/**
 * The post's status from its targets': still publishing while any target is pending, in flight
 * or waiting for a retry; otherwise published, partially published or failed. No targets at all
 * means nothing was published: failed.
 */
export function aggregateTargetOutcome(
  targetStatuses: readonly PostTargetStatus[],
): 'publishing' | 'published' | 'partially_published' | 'failed' {
  const settled = targetStatuses.every((s) => s === 'published' || s === 'failed');
  if (!settled) return 'publishing';
  const published = targetStatuses.filter((s) => s === 'published').length;
  if (published === 0) return 'failed';
  return published === targetStatuses.length ? 'published' : 'partially_published';
}

export function transition<E extends PostEvent>(
  post: PostForTransition,
  event: E,
  actor: TransitionActor,
  context: PostEventInputs[E],
): TransitionResult {
  const destinations = POST_TRANSITIONS[event][post.status];
  if (!destinations) {
    const label = EVENT_LABELS[event];
    const status = POST_STATUS_LABELS[post.status];
    return refuse('transition_not_allowed', ErrorCode.Conflict, {
      id: `Tindakan "${label.id}" tidak berlaku untuk postingan berstatus "${status.id}"`,
      en: `Cannot ${label.en} a post that is ${status.en}`,
    });
  }
  const guard: Guard<E> = GUARDS[event];
  return guard(post, actor, context, destinations[0]);
}

/** Maps a refusal to the domain error the global filter renders (409, 403, 400 or 422). */
export function transitionError(refusal: TransitionRefusal): AppError {
  return new AppError(refusal.errorCode, refusal.message, refusal.field);
}

/** `next` is the table's first destination for the post's status. */
type Guard<E extends PostEvent> = (
  post: PostForTransition,
  actor: TransitionActor,
  input: PostEventInputs[E],
  next: PostStatus,
) => TransitionResult;

const GUARDS: { [E in PostEvent]: Guard<E> } = {
  submit: (_post, _actor, checks, next) => contentRefusal(checks) ?? ok(next),
  approve: (post, actor, _input, next) => {
    if (!actor.canApprove) return approverRequired();
    if (actor.id === post.draftedBy) {
      return refuse('four_eyes', ErrorCode.Forbidden, {
        id: 'Anda menyusun postingan ini; persetujuan harus diberikan petugas lain',
        en: 'You drafted this post; another officer must approve it',
      });
    }
    if (actor.id === post.lastEditedBy) {
      return refuse('four_eyes', ErrorCode.Forbidden, {
        id: 'Anda yang terakhir mengubah postingan ini; persetujuan harus diberikan petugas lain',
        en: 'You edited this post last; another officer must approve it',
      });
    }
    return ok(next);
  },
  request_changes: (_post, actor, { comment }, next) => {
    if (!actor.canApprove) return approverRequired();
    if (isBlank(comment)) {
      return refuse(
        'comment_required',
        ErrorCode.ValidationFailed,
        {
          id: 'Tulis komentar yang menjelaskan perbaikan yang diminta',
          en: 'Write a comment explaining the changes requested',
        },
        'comment',
      );
    }
    return ok(next);
  },
  edit: (post, _actor, checks) => {
    if (post.status === 'draft' || post.status === 'changes_requested') return ok(post.status);
    return ok(contentRefusal(checks) ? 'draft' : 'in_review');
  },
  schedule: (_post, _actor, time, next) => plannedTimeRefusal(time) ?? ok(next),
  unschedule: (_post, _actor, _input, next) => ok(next),
  start_publishing: (_post, _actor, _input, next) => ok(next),
  finish: (_post, _actor, { targetStatuses }) => {
    const outcome = aggregateTargetOutcome(targetStatuses);
    if (outcome !== 'publishing') return ok(outcome);
    return refuse('targets_pending', ErrorCode.Conflict, {
      id: 'Masih ada tujuan yang belum selesai diterbitkan',
      en: 'Some targets have not finished publishing',
    });
  },
  retry: (_post, _actor, time, next) => plannedTimeRefusal(time) ?? ok(next),
  cancel: (_post, _actor, _input, next) => ok(next),
  pull_back: (_post, _actor, { reason }, next) => {
    if (!isBlank(reason)) return ok(next);
    return refuse(
      'reason_required',
      ErrorCode.ValidationFailed,
      {
        id: 'Alasan penarikan kembali wajib diisi',
        en: 'A reason for pulling the post back is required',
      },
      'reason',
    );
  },
  reopen: (_post, _actor, _input, next) => ok(next),
};

function ok(status: PostStatus): TransitionResult {
  return { ok: true, status };
}

function refuse(
  code: TransitionRefusalCode,
  errorCode: ErrorCode,
  message: LocalizedText,
  field?: string,
): TransitionRefusal {
  return { ok: false, code, errorCode, field, message };
}

function approverRequired(): TransitionRefusal {
  return refuse('approver_required', ErrorCode.Forbidden, {
    id: 'Hanya petugas berwenang yang dapat meninjau postingan',
    en: 'Only an authorised officer can review posts',
  });
}

function contentRefusal(checks: ContentChecks): TransitionRefusal | undefined {
  if (checks.unresolvedFindings > 0) {
    return refuse('unresolved_findings', ErrorCode.UnprocessableEntity, {
      id: `Masih ada ${checks.unresolvedFindings} temuan pemeriksaan martabat yang belum diselesaikan`,
      en: `${checks.unresolvedFindings} dignity finding(s) are not resolved yet`,
    });
  }
  if (checks.invalidCaptions > 0) {
    return refuse('invalid_captions', ErrorCode.UnprocessableEntity, {
      id: `${checks.invalidCaptions} varian keterangan belum memenuhi aturan jaringannya`,
      en: `${checks.invalidCaptions} caption variant(s) break their network's rules`,
    });
  }
  return undefined;
}

function plannedTimeRefusal({ plannedAt, now }: PlannedTime): TransitionRefusal | undefined {
  if (plannedAt === null) {
    return refuse(
      'planned_time_required',
      ErrorCode.ValidationFailed,
      { id: 'Tentukan waktu terbit terlebih dahulu', en: 'Set a planned time first' },
      'plannedAt',
    );
  }
  if (plannedAt.getTime() < now.getTime()) {
    return refuse(
      'planned_time_in_past',
      ErrorCode.ValidationFailed,
      { id: 'Waktu terbit sudah lewat', en: 'The planned time is in the past' },
      'plannedAt',
    );
  }
  return undefined;
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}
