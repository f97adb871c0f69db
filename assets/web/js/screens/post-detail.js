import { useState } from 'preact/hooks';
import { Dialog, DialogActions } from '../components/dialog.js';
import { Alert, Badge, ErrorAlert, LoadingNote, SkeletonBlock } from '../components/feedback.js';
import { SubmitButton, TextArea, TextField } from '../components/form.js';
import { Details, Page } from '../components/page.js';
import { PostPreview } from '../components/post-preview.js';
import { TargetRetry } from '../components/target-retry.js';
import { api, ApiError } from '../lib/api.js';
import { formatDateTime, fromLocalInput, toLocalInput } from '../lib/format.js';
import { fieldError, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { NETWORK_NAMES, canEdit } from '../lib/posts.js';
import { href } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { PostStatusBadge } from './post-list.js';

const OVERRIDABLE = ['draft', 'in_review', 'changes_requested'];
const OVERRIDE_REASON_MIN = 10;

function OverrideDialog({ post, finding, onClose, onDone }) {
  const [reason, setReason] = useState('');
  const action = useSubmit(async () => {
    // Said here in the user's language; the server refuses it too (OVERRIDE_REASON_MIN).
    if (reason.trim().length < OVERRIDE_REASON_MIN) {
      throw new ApiError(400, { field: 'reason', message: t('review.overrideReasonShort') });
    }
    await api.post(`/api/posts/${post.id}/overrides`, {
      source: finding.source,
      category: finding.category,
      match: finding.match,
      reason,
    });
    onDone(t('review.overrideDone', { match: finding.match }));
  });
  return html`<${Dialog}
    open=${Boolean(finding)}
    title=${t('review.overrideTitle')}
    onClose=${onClose}
  >
    <form class="form" onSubmit=${action.submit}>
      <p>${t('review.overrideText', { match: finding?.match ?? '' })}</p>
      <${ErrorAlert} error=${action.error} />
      <${TextArea}
        label=${t('review.overrideReason')}
        hint=${t('review.overrideReasonHint')}
        value=${reason}
        required
        error=${fieldError(action.error, 'reason')}
        onInput=${(e) => setReason(e.currentTarget.value)}
      />
      <${DialogActions}
        busy=${action.busy}
        label=${t('review.override')}
        busyLabel=${t('common.saving')}
        onCancel=${onClose}
      />
    </form>
  <//>`;
}

/** Approve (with an optional comment) or ask for changes (a comment is required). */
function ReviewPanel({ post, onDone }) {
  const [comment, setComment] = useState('');
  const approve = useSubmit(async () => {
    await api.post(`/api/posts/${post.id}/approve`, comment.trim() ? { comment } : {});
    onDone(t('review.approved'));
  });
  const changes = useSubmit(async () => {
    // Said here in the user's language; the server refuses it too.
    if (!comment.trim()) {
      throw new ApiError(400, { field: 'comment', message: t('review.commentRequired') });
    }
    await api.post(`/api/posts/${post.id}/request-changes`, { comment });
    onDone(t('review.changesRequested'));
  });
  const error = approve.error ?? changes.error;
  return html`<section class="panel review-panel" aria-labelledby="review-title">
    <h2 id="review-title">${t('review.decision')}</h2>
    <${ErrorAlert} error=${error} />
    <${TextArea}
      label=${t('review.comment')}
      hint=${t('review.commentHint')}
      value=${comment}
      error=${fieldError(error, 'comment')}
      onInput=${(e) => setComment(e.currentTarget.value)}
    />
    <div class="form-actions">
      <button
        type="button"
        class="btn btn-primary"
        disabled=${approve.busy || changes.busy}
        onClick=${(e) => approve.submit(e)}
      >
        ${t('review.approve')}
      </button>
      <button
        type="button"
        class="btn btn-secondary"
        disabled=${approve.busy || changes.busy}
        onClick=${(e) => changes.submit(e)}
      >
        ${t('review.requestChanges')}
      </button>
    </div>
  </section>`;
}

/** An approved post goes on the calendar at a chosen time, or into its accounts' next slots. */
function SchedulePanel({ post, onDone }) {
  const zone = currentInstitution()?.timeZone;
  const [when, setWhen] = useState(toLocalInput(post.plannedAt, zone));
  const schedule = useSubmit(async () => {
    await api.post(`/api/posts/${post.id}/schedule`, { plannedAt: fromLocalInput(when, zone) });
    onDone(t('schedule.done'));
  });
  const queue = useSubmit(async () => {
    await api.post(`/api/posts/${post.id}/queue`);
    onDone(t('schedule.queued'));
  });
  const error = schedule.error ?? queue.error;
  return html`<section class="panel" aria-labelledby="schedule-title">
    <h2 id="schedule-title">${t('schedule.title')}</h2>
    <${ErrorAlert} error=${error} />
    <form class="form" onSubmit=${schedule.submit}>
      <${TextField}
        label=${t('schedule.when')}
        type="datetime-local"
        value=${when}
        required
        error=${fieldError(error, 'plannedAt')}
        onInput=${(e) => setWhen(e.currentTarget.value)}
      />
      <div class="form-actions">
        <${SubmitButton}
          busy=${schedule.busy}
          label=${t('schedule.submit')}
          busyLabel=${t('common.saving')}
        />
        <button
          type="button"
          class="btn btn-secondary"
          disabled=${queue.busy}
          onClick=${(e) => queue.submit(e)}
        >
          ${t('schedule.queue')}
        </button>
      </div>
    </form>
  </section>`;
}

function Comments({ post }) {
  if (post.comments.length === 0) return null;
  const zone = currentInstitution()?.timeZone;
  return html`<section class="panel" aria-labelledby="comments-title">
    <h2 id="comments-title">${t('post.comments')}</h2>
    <ol class="comments">
      ${post.comments.map(
        (c) =>
          html`<li key=${c.id}>
            <span class="cell-sub">
              ${tEnum('post.commentKind', c.kind)} · ${formatDateTime(c.createdAt, zone)}
            </span>
            <p>${c.body}</p>
          </li>`,
      )}
    </ol>
  </section>`;
}

const OUTCOME_BADGE = {
  published: 'success',
  reconciled_found: 'success',
  retry_later: 'warning',
  unknown_outcome: 'warning',
  reauthenticate: 'danger',
  rejected: 'danger',
};

/** Every publishing attempt of every target, newest last, with the platform's reason. */
export function PublishingLog({ post, onRetried }) {
  const attempts = useResource(() => api.get(`/api/posts/${post.id}/attempts`), [post.id]);
  const zone = currentInstitution()?.timeZone;
  const items = attempts.data?.items;
  return html`<section class="panel" aria-labelledby="log-title">
    <h2 id="log-title">${t('publishing.log')}</h2>
    <ul class="targets">
      ${post.targets.map(
        (target) =>
          html`<li key=${target.id}>
            <strong>${NETWORK_NAMES[target.network]}</strong>
            <${Badge}
              kind=${target.status === 'published' ? 'success' : target.status === 'failed' ? 'danger' : 'neutral'}
            >
              ${tEnum('target.status', target.status)}
            <//>
            ${target.publishedAt && html` ${formatDateTime(target.publishedAt, zone)}`}
            ${target.permalink && html` · <a href=${target.permalink}>${t('publishing.permalink')}</a>`}
            ${target.lastErrorMessage && html`<p class="field-error">${target.lastErrorMessage}</p>`}
            <${TargetRetry} postId=${post.id} target=${target} onRetried=${onRetried} />
          </li>`,
      )}
    </ul>
    <${ErrorAlert} error=${attempts.error} />
    ${
      items && items.length === 0
        ? html`<p class="muted">${t('publishing.noAttempts')}</p>`
        : html`<div class="table-wrap">
            <table class="table stack">
              <caption class="visually-hidden">
                ${t('publishing.log')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('publishing.when')}</th>
                  <th scope="col">${t('publishing.network')}</th>
                  <th scope="col" class="num">${t('publishing.attempt')}</th>
                  <th scope="col">${t('publishing.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                ${(items ?? []).map(
                  (a) =>
                    html`<tr key=${a.id}>
                      <th scope="row" data-label=${t('publishing.when')}>
                        ${formatDateTime(a.startedAt, zone)}
                      </th>
                      <td data-label=${t('publishing.network')}>${NETWORK_NAMES[a.network]}</td>
                      <td data-label=${t('publishing.attempt')} class="num">${a.attemptNo}</td>
                      <td data-label=${t('publishing.outcome')}>
                        <${Badge} kind=${OUTCOME_BADGE[a.outcome] ?? 'neutral'}>
                          ${tEnum('attempt.outcome', a.outcome ?? 'running')}
                        <//>
                        ${a.errorMessage && html`<span class="cell-sub">${a.errorMessage}</span>`}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function PostBody({ post, reload, setDone }) {
  // An override resolves a finding without a new version of the post: ask for the preview again.
  const [overrides, setOverrides] = useState(0);
  const preview = useResource(
    () => api.get(`/api/posts/${post.id}/preview`),
    [post.id, post.version, overrides],
  );
  const [finding, setFinding] = useState(null);
  const zone = currentInstitution()?.timeZone;
  const approver = can('content.approve');
  const canOverride = approver && OVERRIDABLE.includes(post.status);
  const reviewable = approver && post.allowedEvents.includes('approve');
  const submit = useSubmit(async () => {
    await api.post(`/api/posts/${post.id}/submit`);
    setDone(t('composer.submitted'));
    reload();
  });
  const finish = (text) => {
    setFinding(null);
    setDone(text);
    reload();
  };
  return html`
    ${post.statusReason && html`<${Alert} kind="warning">${post.statusReason}<//>`}
    <${ErrorAlert} error=${submit.error} />
    <${Details}
      items=${[
        [t('content.status'), html`<${PostStatusBadge} status=${post.status} />`],
        [t('composer.product'), post.productName ?? t('content.noProduct')],
        [t('content.networks'), post.networks.map((n) => NETWORK_NAMES[n]).join(', ')],
        [t('content.planned'), post.plannedAt ? formatDateTime(post.plannedAt, zone) : '—'],
      ]}
    />
    <div class="form-actions">
      ${
        can('content.write') &&
        canEdit(post) &&
        html`<a class="btn btn-secondary" href=${href(`/konten/${post.id}/ubah`)}
          >${t('post.edit')}</a
        >`
      }
      ${
        can('content.write') &&
        post.allowedEvents.includes('submit') &&
        html`<button
          type="button"
          class="btn btn-primary"
          disabled=${submit.busy}
          onClick=${(e) => submit.submit(e)}
        >
          ${submit.busy ? t('composer.submitting') : t('composer.submit')}
        </button>`
      }
      ${
        ['approved', 'scheduled'].includes(post.status) &&
        html`<a
          class="btn btn-secondary"
          href=${href('/kalender', { date: toLocalInput(post.plannedAt, zone).slice(0, 10) })}
          >${t('post.toCalendar')}</a
        >`
      }
    </div>
    ${reviewable && html`<${ReviewPanel} post=${post} onDone=${finish} />`}
    ${
      can('calendar.write') &&
      post.allowedEvents.includes('schedule') &&
      html`<${SchedulePanel} post=${post} onDone=${finish} />`
    }
    <section aria-labelledby="post-preview-title">
      <h2 id="post-preview-title">${t('composer.preview')}</h2>
      <${ErrorAlert} error=${preview.error} />
      <${LoadingNote} loading=${preview.loading && preview.data} />
      ${
        preview.data
          ? html`<${PostPreview}
              preview=${preview.data}
              onOverride=${canOverride ? setFinding : null}
            />`
          : html`<${SkeletonBlock} height="24rem" />`
      }
    </section>
    <${Comments} post=${post} />
    ${post.targets.length > 0 && html`<${PublishingLog} post=${post} onRetried=${reload} />`}
    ${
      finding &&
      html`<${OverrideDialog}
        post=${post}
        finding=${finding}
        onClose=${() => setFinding(null)}
        onDone=${(text) => {
          setOverrides((n) => n + 1);
          finish(text);
        }}
      />`
    }
  `;
}

export function PostDetailScreen({ params }) {
  const post = useResource(() => api.get(`/api/posts/${params.id}`), [params.id]);
  const notice = useNotice();
  const [done, setDone] = useState(null);
  const back =
    can('content.approve') && post.data?.status === 'in_review' ? '/konten/tinjauan' : '/konten';
  return html`<${Page}
    title=${post.data ? post.data.title || t('content.untitled') : t('common.loading')}
    back=${{ href: href(back), label: t('content.back') }}
  >
    ${(done ?? notice) && html`<${Alert} kind="success">${done ?? notice}<//>`}
    <${ErrorAlert} error=${post.error} />
    ${
      post.data
        ? html`<${PostBody}
            key=${post.data.version}
            post=${post.data}
            reload=${post.reload}
            setDone=${setDone}
          />`
        : !post.error && html`<${SkeletonBlock} height="30rem" />`
    }
  <//>`;
}
