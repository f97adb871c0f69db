import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { hasFilters } from '../lib/filters.js';
import { href, navigate } from '../lib/router.js';
import { EmptyState, ErrorAlert, LoadingNote, SkeletonRows } from './feedback.js';
import { Pagination } from './page.js';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' };

/**
 * A column head. With `sort` ({ key, direction, onSort }) and a column `sort` key, the head
 * is a button that sorts by the column, ascending first, then the other way.
 */
function ColumnHead({ column, sort }) {
  const sortable = sort && column.sort;
  const current = sortable && column.sort === sort.key;
  const direction = current ? (sort.direction ?? 'asc') : null;
  return html`<th
    scope="col"
    class=${column.num ? 'num' : undefined}
    aria-sort=${current ? ARIA_SORT[direction] : undefined}
  >
    ${
      sortable
        ? html`<button
            type="button"
            class="sort-button"
            onClick=${() => sort.onSort(column.sort, direction === 'asc' ? 'desc' : 'asc')}
          >
            ${column.label}
            <span class="sort-icon" aria-hidden="true"
              >${direction === 'asc' ? '↑' : direction === 'desc' ? '↓' : '↕'}</span
            >
          </button>`
        : column.label
    }
  </th>`;
}

/**
 * A list screen's table: caption for screen readers, column heads, skeleton rows while the
 * first page loads (so nothing shifts) and the empty state once it is known to be empty.
 * columns: [{ label, num?, sort? }]; row(item) returns the <tr>, whose cells carry data-label
 * for the stacked layout on narrow screens; sort: see ColumnHead.
 */
export function DataTable({ caption, columns, items, loading, row, empty, sort }) {
  if (items && items.length === 0) return html`<${EmptyState} ...${empty} />`;
  return html`<div class="table-wrap">
    <table class="table stack">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${columns.map((c) => html`<${ColumnHead} key=${c.label} column=${c} sort=${sort} />`)}
        </tr>
      </thead>
      <tbody>
        ${items ? items.map(row) : loading && html`<${SkeletonRows} columns=${columns.length} />`}
      </tbody>
    </table>
  </div>`;
}

/** The page a list screen's route asks for (?page=2), 1 when none. */
export function pageOf(query) {
  return Number(query.page) || 1;
}

/** The empty state of a list nothing has been added to; read-only users are told who adds. */
export function nothingYet(title, hint, addButton) {
  return { title, text: addButton ? hint : t('common.emptyReadOnly'), action: addButton };
}

/**
 * A list screen's list, loaded with useResource: its error (in the user's language, with a
 * retry), a note while it reloads, the DataTable and, for a paged list (pageSize; the server
 * sends { items, total }), the pagination, which moves the route at `path` to another page.
 * With `filters` applied (names in the route's `query`), an empty list is "nothing matches"
 * (noMatch: { title, text } to say it for this list) with a link that clears them; otherwise
 * it is `empty`. items defaults to the page's items; pass it for a list sent whole.
 */
export function ListTable({
  resource,
  items = resource.data?.items,
  path,
  query = {},
  pageSize,
  filters,
  noMatch = {},
  empty,
  ...table
}) {
  const failedFirst = resource.error && !resource.data;
  const filtered = filters && hasFilters(query, filters);
  return html`
    <${ErrorAlert} error=${resource.error}>
      <button type="button" class="btn btn-secondary" onClick=${resource.reload}>
        ${t('common.retry')}
      </button>
    <//>
    <${LoadingNote} loading=${resource.loading && resource.data} />
    ${
      !failedFirst &&
      html`<${DataTable}
        ...${table}
        items=${items}
        loading=${resource.loading}
        empty=${
          filtered
            ? {
                title: noMatch.title ?? t('common.noMatch'),
                text: noMatch.text ?? t('common.noMatchHint'),
                action: html`<a class="btn btn-secondary" href=${href(path)}>
                  ${t('common.resetFilters')}
                </a>`,
              }
            : empty
        }
      />`
    }
    ${
      pageSize &&
      resource.data &&
      html`<${Pagination}
        page=${pageOf(query)}
        pageSize=${pageSize}
        total=${resource.data.total}
        onPage=${(page) => navigate(path, { ...query, page })}
      />`
    }
  `;
}
