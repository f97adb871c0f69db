import { describe, expect, it } from '@jest/globals';
import {
  aggregateTargetOutcome,
  allowedEvents,
  POST_EVENTS,
  POST_STATUSES,
  POST_TRANSITIONS,
  PostEvent,
  PostEventInputs,
  PostForTransition,
  PostStatus,
  PostTargetStatus,
  transition,
  TransitionActor,
  transitionError,
  TransitionResult,
} from '../../src/content/posts/post-status';

const now = new Date('2026-07-01T03:00:00Z');
const tomorrow = new Date('2026-07-02T03:00:00Z');
const passing = { unresolvedFindings: 0, invalidCaptions: 0 };

/** Inputs with which every event's guard lets it through. */
const VALID: PostEventInputs = {
  submit: passing,
  approve: {},
  request_changes: { comment: 'Harga di gambar belum diperbarui' },
  edit: passing,
  schedule: { plannedAt: tomorrow, now },
  unschedule: {},
  start_publishing: {},
  finish: { targetStatuses: ['published', 'published'] },
  retry: { plannedAt: tomorrow, now },
  cancel: {},
  pull_back: { reason: 'Produk diarsipkan' },
  reopen: {},
};

const reviewer: TransitionActor = { id: 'reviewer', canApprove: true };
const post = (status: PostStatus, lastEditedBy: string | null = 'editor'): PostForTransition => ({
  status,
  draftedBy: 'drafter',
  lastEditedBy,
});

/** The life cycle, written out independently of the source table. */
const ALLOWED: [PostStatus, PostEvent, PostStatus][] = [
  ['draft', 'submit', 'in_review'],
  ['changes_requested', 'submit', 'in_review'],
  ['in_review', 'approve', 'approved'],
  ['in_review', 'request_changes', 'changes_requested'],
  ['draft', 'edit', 'draft'],
  ['changes_requested', 'edit', 'changes_requested'],
  ['in_review', 'edit', 'in_review'],
  ['approved', 'edit', 'in_review'],
  ['scheduled', 'edit', 'in_review'],
  ['failed', 'edit', 'in_review'],
  ['approved', 'schedule', 'scheduled'],
  ['scheduled', 'unschedule', 'approved'],
  ['scheduled', 'start_publishing', 'publishing'],
  ['publishing', 'finish', 'published'],
  ['failed', 'retry', 'scheduled'],
  ['partially_published', 'retry', 'scheduled'],
  ['draft', 'cancel', 'cancelled'],
  ['in_review', 'cancel', 'cancelled'],
  ['approved', 'cancel', 'cancelled'],
  ['changes_requested', 'cancel', 'cancelled'],
  ['scheduled', 'cancel', 'cancelled'],
  ['draft', 'pull_back', 'draft'],
  ['in_review', 'pull_back', 'draft'],
  ['approved', 'pull_back', 'draft'],
  ['changes_requested', 'pull_back', 'draft'],
  ['scheduled', 'pull_back', 'draft'],
  ['failed', 'pull_back', 'draft'],
  ['cancelled', 'reopen', 'draft'],
];

const isAllowed = (from: PostStatus, event: PostEvent): boolean =>
  ALLOWED.some(([f, e]) => f === from && e === event);
const FORBIDDEN: [PostStatus, PostEvent][] = POST_STATUSES.flatMap((from) =>
  POST_EVENTS.filter((event) => !isAllowed(from, event)).map((event): [PostStatus, PostEvent] => [
    from,
    event,
  ]),
);

const run = (from: PostStatus, event: PostEvent, actor = reviewer): TransitionResult =>
  transition(post(from), event, actor, VALID[event]);

describe('post status table', () => {
  it('has exactly the documented transitions', () => {
    const inSource = POST_EVENTS.flatMap((event) =>
      POST_STATUSES.filter((from) => POST_TRANSITIONS[event][from]).map(
        (from) => `${from} ${event}`,
      ),
    );
    expect(inSource.sort()).toEqual(ALLOWED.map(([from, event]) => `${from} ${event}`).sort());
    expect(FORBIDDEN).toHaveLength(POST_STATUSES.length * POST_EVENTS.length - ALLOWED.length);
  });

  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(run(from, event)).toEqual({ ok: true, status: to });
  });

  it.each(FORBIDDEN)('refuses %s --%s-->', (from, event) => {
    const result = run(from, event);
    expect(result).toMatchObject({
      ok: false,
      code: 'transition_not_allowed',
      errorCode: 'CONFLICT',
    });
    if (result.ok) return;
    expect(transitionError(result).status).toBe(409);
  });

  it('explains a refused transition in both languages', () => {
    expect(run('published', 'edit')).toMatchObject({
      message: {
        id: 'Tindakan "ubah" tidak berlaku untuk postingan berstatus "terbit"',
        en: 'Cannot edit a post that is published',
      },
    });
  });

  it.each(POST_STATUSES)('allowedEvents(%s) lists exactly the allowed events', (status) => {
    const expected = ALLOWED.filter(([from]) => from === status).map(([, event]) => event);
    expect(allowedEvents(status).sort()).toEqual([...new Set(expected)].sort());
  });

  it('leaves published as the only final status', () => {
    expect(POST_STATUSES.filter((s) => allowedEvents(s).length === 0)).toEqual(['published']);
  });
});

describe('four-eyes approval', () => {
  it('refuses the drafter', () => {
    const result = transition(
      post('in_review', null),
      'approve',
      { id: 'drafter', canApprove: true },
      {},
    );
    expect(result).toMatchObject({ ok: false, code: 'four_eyes', errorCode: 'FORBIDDEN' });
    if (!result.ok)
      expect(result.message.en).toBe('You drafted this post; another officer must approve it');
  });

  it('refuses the last editor', () => {
    const result = transition(
      post('in_review', 'editor'),
      'approve',
      { id: 'editor', canApprove: true },
      {},
    );
    expect(result).toMatchObject({ ok: false, code: 'four_eyes' });
    if (!result.ok)
      expect(result.message.en).toBe('You edited this post last; another officer must approve it');
  });

  it('refuses the drafter even when someone else edited last', () => {
    const result = transition(
      post('in_review', 'editor'),
      'approve',
      { id: 'drafter', canApprove: true },
      {},
    );
    expect(result).toMatchObject({ ok: false, code: 'four_eyes' });
  });

  it('lets another approver approve', () => {
    expect(transition(post('in_review', 'editor'), 'approve', reviewer, {})).toEqual({
      ok: true,
      status: 'approved',
    });
  });

  it('refuses someone who may not approve, whoever they are', () => {
    const result = transition(post('in_review'), 'approve', { id: 'staff', canApprove: false }, {});
    expect(result).toMatchObject({ ok: false, code: 'approver_required', errorCode: 'FORBIDDEN' });
    if (!result.ok) expect(transitionError(result).status).toBe(403);
  });

  it('lets only approvers request changes, with a comment', () => {
    const staff = { id: 'staff', canApprove: false };
    expect(transition(post('in_review'), 'request_changes', staff, { comment: 'x' })).toMatchObject(
      {
        code: 'approver_required',
      },
    );
    for (const comment of ['', '  \n']) {
      const result = transition(post('in_review'), 'request_changes', reviewer, { comment });
      expect(result).toMatchObject({ ok: false, code: 'comment_required', field: 'comment' });
      if (!result.ok) expect(transitionError(result).status).toBe(400);
    }
  });
});

describe('editing', () => {
  it.each<PostStatus>(['approved', 'scheduled', 'in_review', 'failed'])(
    'sends an edited %s post back to review',
    (from) => {
      expect(transition(post(from), 'edit', { id: 'editor', canApprove: false }, passing)).toEqual({
        ok: true,
        status: 'in_review',
      });
    },
  );

  it.each<[PostStatus, { unresolvedFindings: number; invalidCaptions: number }]>([
    ['approved', { unresolvedFindings: 1, invalidCaptions: 0 }],
    ['scheduled', { unresolvedFindings: 0, invalidCaptions: 2 }],
    ['in_review', { unresolvedFindings: 3, invalidCaptions: 1 }],
  ])('sends an edited %s post to draft when the new content fails the checks', (from, checks) => {
    expect(transition(post(from), 'edit', reviewer, checks)).toEqual({ ok: true, status: 'draft' });
  });

  it.each<PostStatus>(['draft', 'changes_requested'])(
    'keeps an edited %s post where it is, whatever the checks say',
    (from) => {
      const checks = { unresolvedFindings: 5, invalidCaptions: 3 };
      expect(transition(post(from), 'edit', reviewer, checks)).toEqual({ ok: true, status: from });
    },
  );

  it('only ever lands in a destination the table lists', () => {
    const outcomes = [passing, { unresolvedFindings: 1, invalidCaptions: 0 }];
    for (const from of POST_STATUSES.filter((s) => POST_TRANSITIONS.edit[s])) {
      for (const checks of outcomes) {
        const result = transition(post(from), 'edit', reviewer, checks);
        expect(result.ok && POST_TRANSITIONS.edit[from]?.includes(result.status)).toBe(true);
      }
    }
  });
});

describe('guards', () => {
  it.each([
    [{ unresolvedFindings: 1, invalidCaptions: 0 }, 'unresolved_findings', /1 dignity finding/],
    [{ unresolvedFindings: 0, invalidCaptions: 2 }, 'invalid_captions', /2 caption variant/],
    [{ unresolvedFindings: 2, invalidCaptions: 1 }, 'unresolved_findings', /2 dignity finding/],
  ])('refuses to submit with %j', (checks, code, message) => {
    const result = transition(
      post('draft'),
      'submit',
      { id: 'drafter', canApprove: false },
      checks,
    );
    expect(result).toMatchObject({ ok: false, code, errorCode: 'UNPROCESSABLE_ENTITY' });
    if (result.ok) return;
    expect(result.message.en).toMatch(message);
    expect(transitionError(result).status).toBe(422);
  });

  it.each<['schedule' | 'retry', PostStatus]>([
    ['schedule', 'approved'],
    ['retry', 'failed'],
  ])('%s needs a planned time that has not passed', (event, from) => {
    const at = (plannedAt: Date | null) =>
      transition(post(from), event, reviewer, { plannedAt, now });
    expect(at(null)).toMatchObject({
      ok: false,
      code: 'planned_time_required',
      field: 'plannedAt',
    });
    expect(at(new Date(now.getTime() - 1))).toMatchObject({
      ok: false,
      code: 'planned_time_in_past',
      field: 'plannedAt',
    });
    expect(at(now)).toEqual({ ok: true, status: 'scheduled' });
  });

  it.each<[PostTargetStatus[], PostStatus]>([
    [['published', 'published', 'published'], 'published'],
    [['published', 'failed'], 'partially_published'],
    [['failed', 'failed'], 'failed'],
  ])('finishes %j as %s', (targetStatuses, status) => {
    expect(transition(post('publishing'), 'finish', reviewer, { targetStatuses })).toEqual({
      ok: true,
      status,
    });
  });

  it('refuses to finish while a target is still waiting', () => {
    const targetStatuses: PostTargetStatus[] = ['published', 'retry_waiting'];
    expect(transition(post('publishing'), 'finish', reviewer, { targetStatuses })).toMatchObject({
      ok: false,
      code: 'targets_pending',
      errorCode: 'CONFLICT',
    });
  });

  it('needs a visible reason to pull a post back', () => {
    const result = transition(post('scheduled'), 'pull_back', reviewer, { reason: ' ' });
    expect(result).toMatchObject({ ok: false, code: 'reason_required', field: 'reason' });
  });

  it('cancels with or without a reason', () => {
    expect(transition(post('approved'), 'cancel', reviewer, { reason: 'Hari berkabung' })).toEqual({
      ok: true,
      status: 'cancelled',
    });
  });
});

describe('aggregateTargetOutcome', () => {
  it.each<[PostTargetStatus[], string]>([
    [['published'], 'published'],
    [['published', 'published'], 'published'],
    [['published', 'failed'], 'partially_published'],
    [['failed'], 'failed'],
    [[], 'failed'],
    [['published', 'pending'], 'publishing'],
    [['failed', 'publishing'], 'publishing'],
    [['published', 'failed', 'retry_waiting'], 'publishing'],
  ])('%j → %s', (targets, outcome) => {
    expect(aggregateTargetOutcome(targets)).toBe(outcome);
  });
});

describe('a post from draft to published', () => {
  it('goes through review, changes, approval, a partial failure and a retry', () => {
    const drafter = { id: 'drafter', canApprove: false };
    let current = post('draft', null);
    const step = <E extends PostEvent>(
      event: E,
      actor: TransitionActor,
      input: PostEventInputs[E],
    ) => {
      const result = transition(current, event, actor, input);
      if (!result.ok) throw new Error(`${event} refused: ${result.message.en}`);
      current = { ...current, status: result.status };
      if (event === 'edit') current.lastEditedBy = actor.id;
      return result.status;
    };
    expect(step('submit', drafter, passing)).toBe('in_review');
    expect(step('request_changes', reviewer, { comment: 'Tambahkan ukuran' })).toBe(
      'changes_requested',
    );
    expect(step('edit', drafter, passing)).toBe('changes_requested');
    expect(step('submit', drafter, passing)).toBe('in_review');
    expect(transition(current, 'approve', drafter, {})).toMatchObject({ ok: false });
    expect(step('approve', reviewer, {})).toBe('approved');
    expect(step('schedule', drafter, { plannedAt: tomorrow, now })).toBe('scheduled');
    expect(step('start_publishing', drafter, {})).toBe('publishing');
    expect(step('finish', drafter, { targetStatuses: ['published', 'failed'] })).toBe(
      'partially_published',
    );
    expect(step('retry', drafter, { plannedAt: now, now })).toBe('scheduled');
    expect(step('start_publishing', drafter, {})).toBe('publishing');
    expect(step('finish', drafter, { targetStatuses: ['published', 'published'] })).toBe(
      'published',
    );
    expect(allowedEvents(current.status)).toEqual([]);
  });

  it('needs a fresh approval from someone else after the reviewer edits an approved post', () => {
    let current = post('approved', 'drafter');
    const edited = transition(current, 'edit', reviewer, passing);
    expect(edited).toEqual({ ok: true, status: 'in_review' });
    current = { ...current, status: 'in_review', lastEditedBy: reviewer.id };
    expect(transition(current, 'approve', reviewer, {})).toMatchObject({ code: 'four_eyes' });
    expect(transition(current, 'approve', { id: 'kasi', canApprove: true }, {})).toEqual({
      ok: true,
      status: 'approved',
    });
  });
});
