import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

let shownBefore = false;

/**
 * A screen: its title becomes the h1 and the document title. When the user moves to another
 * screen, focus moves to its heading so keyboard and screen-reader users start at the new
 * content; on a fresh page load focus stays at the top, where the skip link is.
 */
export function Page({ title, back, actions, tabs, children }) {
  const heading = useRef(null);
  useEffect(() => {
    if (shownBefore) heading.current?.focus({ preventScroll: true });
    shownBefore = true;
  }, []);
  useEffect(() => {
    document.title = `${title} · Karya`;
  }, [title]);
  return html`<div class="page">
    ${back && html`<p class="back"><a href=${back.href}>← ${back.label}</a></p>`}
    <div class="page-head">
      <h1 tabindex="-1" ref=${heading}>${title}</h1>
      ${actions && html`<div class="page-actions">${actions}</div>`}
    </div>
    ${tabs} ${children}
  </div>`;
}

/** Sub-navigation between sibling screens; items: [{ href, label, current }]. */
export function Tabs({ label, items }) {
  return html`<nav class="tabs" aria-label=${label}>
    <ul>
      ${items.map(
        (item) =>
          html`<li key=${item.href}>
            <a href=${item.href} aria-current=${item.current ? 'page' : undefined}>${item.label}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** "Showing 1–20 of 45", and previous/next when there is more than one page. */
export function Pagination({ page, pageSize, total, onPage }) {
  if (!total) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const summary = html`<p>${t('pagination.summary', { from, to, total })}</p>`;
  if (pages === 1) return html`<div class="pagination">${summary}</div>`;
  return html`<nav class="pagination" aria-label=${t('pagination.label')}>
    ${summary}
    <div class="pagination-buttons">
      <button
        type="button"
        class="btn btn-secondary"
        disabled=${page <= 1}
        onClick=${() => onPage(page - 1)}
      >
        ${t('pagination.previous')}
      </button>
      <span class="pagination-page">${t('pagination.page', { page, pages })}</span>
      <button
        type="button"
        class="btn btn-secondary"
        disabled=${page >= pages}
        onClick=${() => onPage(page + 1)}
      >
        ${t('pagination.next')}
      </button>
    </div>
  </nav>`;
}

/**
 * A filter bar: a form so Enter in the search box applies it. Render it with a key made of
 * the applied filters, so its fields start again from them after a reset or back button.
 */
export function FilterBar({ label, onSubmit, onReset, primary, children }) {
  // On narrow screens the secondary filters fold away behind a button; open when in use.
  const [open, setOpen] = useState(Boolean(onReset));
  const id = useId();
  const submit = (event) => {
    event.preventDefault();
    onSubmit();
  };
  return html`<form class="filters" role="search" aria-label=${label} onSubmit=${submit}>
    ${primary}
    <button
      type="button"
      class="btn btn-secondary filters-toggle"
      aria-expanded=${open}
      aria-controls=${id}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('common.hideFilters') : t('common.showFilters')}
    </button>
    <div class="filters-extra" id=${id} data-open=${open ? 'true' : 'false'}>${children}</div>
    <div class="filters-buttons">
      <button type="submit" class="btn btn-secondary">${t('common.apply')}</button>
      ${
        onReset &&
        html`<button type="button" class="btn btn-link" onClick=${onReset}>
          ${t('common.reset')}
        </button>`
      }
    </div>
  </form>`;
}

/** A definition list of label/value pairs for detail screens. */
export function Details({ items }) {
  return html`<dl class="details">
    ${items
      .filter((item) => item)
      .map(
        ([label, value]) =>
          html`<div class="details-row" key=${label}>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
  </dl>`;
}
