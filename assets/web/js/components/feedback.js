import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

/** kind: info | success | warning | danger. Errors and warnings are announced at once. */
export function Alert({ kind = 'info', title, children }) {
  const urgent = kind === 'danger' || kind === 'warning';
  return html`<div class="alert alert-${kind}" role=${urgent ? 'alert' : 'status'}>
    ${title && html`<p class="alert-title">${title}</p>`}
    <div class="alert-body">${children}</div>
  </div>`;
}

/** Input the server refused reads as "check the form"; anything else as a failure. */
const INPUT_STATUSES = [400, 409, 413, 415, 422];

/** children: what the user can do about it, e.g. a retry button. */
export function ErrorAlert({ error, title, children }) {
  if (!error) return null;
  const heading =
    title ?? (INPUT_STATUSES.includes(error.status) ? t('error.checkInput') : t('error.title'));
  return html`<${Alert} kind="danger" title=${heading}>
    <p>${error.message}</p>
    ${children}
  <//>`;
}

export function Badge({ kind = 'neutral', children }) {
  return html`<span class="badge badge-${kind}">${children}</span>`;
}

/** What to do next when a list is empty. */
export function EmptyState({ title, text, action }) {
  return html`<div class="empty">
    <p class="empty-title">${title}</p>
    ${text && html`<p class="empty-text">${text}</p>`}
    ${action && html`<div class="empty-action">${action}</div>`}
  </div>`;
}

/** Placeholder rows with the height of real rows, so the page does not shift when data comes. */
export function SkeletonRows({ rows = 5, columns = 4 }) {
  return Array.from(
    { length: rows },
    (_, r) =>
      html`<tr class="skeleton-row" aria-hidden="true" key=${`s${r}`}>
        ${Array.from({ length: columns }, (_, c) => html`<td key=${c}><span class="skeleton" /></td>`)}
      </tr>`,
  );
}

export function SkeletonBlock({ height = '10rem' }) {
  return html`<div class="skeleton skeleton-block" style=${{ height }} aria-hidden="true" />`;
}

/** A labelled progress bar; `value` is a fraction from 0 to 1, or null while unknown. */
export function Progress({ label, value }) {
  const percent = value === null ? null : Math.round(value * 100);
  return html`<div class="progress">
    <div class="progress-label">
      <span>${label}</span>
      ${percent !== null && html`<span aria-hidden="true">${percent}%</span>`}
    </div>
    <progress max="100" value=${percent ?? undefined} aria-label=${label} />
  </div>`;
}

/** A small status line shown while a list reloads, without moving the layout. */
export function LoadingNote({ loading }) {
  return html`<p class="loading-note" role="status">${loading ? t('common.loading') : ''}</p>`;
}
