import { html } from '../lib/html.js';
import { EmptyState, SkeletonRows } from './feedback.js';

/**
 * A list screen's table: caption for screen readers, column heads, skeleton rows while the
 * first page loads (so nothing shifts) and the empty state once it is known to be empty.
 * columns: [{ label, num? }]; row(item) returns the <tr>, whose cells carry data-label for
 * the stacked layout on narrow screens.
 */
export function DataTable({ caption, columns, items, loading, row, empty }) {
  if (items && items.length === 0) return html`<${EmptyState} ...${empty} />`;
  return html`<div class="table-wrap">
    <table class="table stack">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${columns.map(
            (c) =>
              html`<th scope="col" class=${c.num ? 'num' : undefined} key=${c.label}>
                ${c.label}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${items ? items.map(row) : loading && html`<${SkeletonRows} columns=${columns.length} />`}
      </tbody>
    </table>
  </div>`;
}
