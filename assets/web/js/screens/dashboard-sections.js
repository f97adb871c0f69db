import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { Details } from '../components/page.js';
import { DataTable } from '../components/table.js';
import { api } from '../lib/api.js';
import {
  currentLocale,
  formatDateTime,
  formatMonth,
  formatNumber,
  formatPercent,
} from '../lib/format.js';
import { useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { NETWORK_NAMES } from '../lib/posts.js';

const REPORT_FORMATS = ['pdf', 'csv', 'xlsx'];

/**
 * Change on the previous month, in words and an arrow: never colour alone. `compact` (table
 * cells) shows the arrow and percentage and keeps the words for screen readers.
 */
export function Change({ value, compact = false }) {
  if (value === null || value === undefined) {
    return compact
      ? html`<span aria-hidden="true">—</span>
          <span class="visually-hidden">${t('dashboard.change.none')}</span>`
      : html`<span class="kpi-change">${t('dashboard.change.none')}</span>`;
  }
  const direction = value > 0 ? 'up' : value < 0 ? 'down' : 'same';
  const arrow = { up: '▲', down: '▼', same: '=' }[direction];
  const words = t(`dashboard.change.${direction}`, { value: formatPercent(Math.abs(value)) });
  return html`<span class="kpi-change change-${direction}">
    <span aria-hidden="true">${arrow} </span>
    ${
      compact
        ? html`<span aria-hidden="true">${formatPercent(Math.abs(value))}</span>
            <span class="visually-hidden">${words}</span>`
        : words
    }
  </span>`;
}

function signed(value) {
  if (value === null || value === undefined) return '—';
  return `${value > 0 ? '+' : ''}${formatNumber(value)}`;
}

function isNationalView(dashboard) {
  return dashboard.scope.kind === 'national';
}

/** The name, with the institution under it in the national view. */
function NameCell({ item, national }) {
  return html`<th scope="row" data-label=${t('dashboard.name')}>
    ${item.name} ${national && html`<span class="cell-sub">${item.institutionName}</span>`}
  </th>`;
}

function RankTable({ title, items, national }) {
  return html`<div class="rank-table">
    <h3>${title}</h3>
    <${DataTable}
      caption=${title}
      columns=${[
        { label: t('dashboard.name') },
        { label: t('dashboard.score'), num: true },
        { label: t('dashboard.posts'), num: true },
        { label: t('dashboard.reach'), num: true },
        { label: t('dashboard.er'), num: true },
        { label: t('dashboard.clicks'), num: true },
        { label: t('dashboard.sales'), num: true },
        { label: t('dashboard.scoreChange'), num: true },
      ]}
      items=${items}
      empty=${{ title: t('dashboard.rankEmpty'), text: t('dashboard.rankEmptyHint') }}
      row=${(item) =>
        html`<tr key=${item.key}>
          <${NameCell} item=${item} national=${national} />
          <td class="num" data-label=${t('dashboard.score')}>
            ${item.interestScore === null ? '—' : formatNumber(item.interestScore)}
          </td>
          <td class="num" data-label=${t('dashboard.posts')}>${formatNumber(item.posts)}</td>
          <td class="num" data-label=${t('dashboard.reach')}>${formatNumber(item.reach)}</td>
          <td class="num" data-label=${t('dashboard.er')}>${formatPercent(item.engagementRate)}</td>
          <td class="num" data-label=${t('dashboard.clicks')}>${formatNumber(item.clicks)}</td>
          <td class="num" data-label=${t('dashboard.sales')}>
            ${formatNumber(item.salesQuantity)}
          </td>
          <td class="num" data-label=${t('dashboard.scoreChange')}>${signed(item.scoreChange)}</td>
        </tr>`}
    />
  </div>`;
}

/** Top and bottom products and workshops by interest score (100 = the group's average). */
export function RankingSection({ dashboard }) {
  const national = isNationalView(dashboard);
  const group = national ? t('dashboard.groupNational') : t('dashboard.groupInstitution');
  return html`<section class="panel" aria-labelledby="ranking-title">
    <h2 id="ranking-title">${t('dashboard.ranking')}</h2>
    <p class="muted">${t('dashboard.rankingHint', { group })}</p>
    <div class="dashboard-grid">
      ${['products', 'workshops'].map((kind) => {
        const what = t(`dashboard.${kind}`);
        const section = dashboard[kind];
        return html`<div key=${kind}>
          <${RankTable}
            title=${t('dashboard.top', { what })}
            items=${section.top}
            national=${national}
          />
          ${
            // With few items every one is in the top list; the bottom list then stays empty.
            section.bottom.length > 0 &&
            html`<${RankTable}
              title=${t('dashboard.bottom', { what })}
              items=${section.bottom}
              national=${national}
            />`
          }
        </div>`;
      })}
    </div>
  </section>`;
}

function weekdayName(weekday) {
  // 1 January 2024 was a Monday: ISO weekday n falls on day n.
  return new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

function hourName(hour) {
  return new Intl.DateTimeFormat(currentLocale(), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, 1, hour)));
}

/** Shade 1–4 by engagement relative to the best cell; 0 when the rate is unknown. */
function heatLevel(cell, maxRate) {
  if (cell.engagementRate === null || maxRate <= 0) return 0;
  return Math.max(1, Math.ceil((cell.engagementRate / maxRate) * 4));
}

/**
 * Weekday × hour of the institution's local time: each cell says its engagement rate and post
 * count in text; the shade repeats the rate and ★ marks the best cells, so colour is never alone.
 */
export function PostingTimesSection({ dashboard }) {
  const { cells, best, minPostsForBest } = dashboard.postingTimes;
  const zone = dashboard.scope.timeZone;
  const heading = html`<h2 id="times-title">${t('dashboard.times')}</h2>`;
  if (cells.length === 0) {
    return html`<section class="panel" aria-labelledby="times-title">
      ${heading}
      <p class="muted">${t('dashboard.timesEmpty')}</p>
    </section>`;
  }
  const key = (c) => `${c.weekday}-${c.hour}`;
  const byKey = new Map(cells.map((c) => [key(c), c]));
  const bestKeys = new Set(best.map(key));
  const maxRate = Math.max(0, ...cells.map((c) => c.engagementRate ?? 0));
  const first = Math.min(...cells.map((c) => c.hour));
  const last = Math.max(...cells.map((c) => c.hour));
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const bestText = best
    .map(
      (c) =>
        `${weekdayName(c.weekday)} ${hourName(c.hour)} (${formatPercent(c.engagementRate)}, ${t(
          'dashboard.cellPosts',
          { count: c.posts },
        )})`,
    )
    .join('; ');
  return html`<section class="panel" aria-labelledby="times-title">
    ${heading}
    <p class="muted">${t('dashboard.timesHint', { zone, min: minPostsForBest })}</p>
    <p>
      ${
        best.length > 0
          ? t('dashboard.best', { list: bestText })
          : t('dashboard.noBest', { min: minPostsForBest })
      }
    </p>
    <div
      class="table-wrap heatmap-wrap"
      tabindex="0"
      role="region"
      aria-label=${t('dashboard.timesCaption')}
    >
      <table class="table heatmap">
        <caption class="visually-hidden">
          ${t('dashboard.timesCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('dashboard.day')}</th>
            ${hours.map((h) => html`<th scope="col" key=${h}>${hourName(h)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${[1, 2, 3, 4, 5, 6, 7].map(
            (weekday) =>
              html`<tr key=${weekday}>
                <th scope="row">${weekdayName(weekday)}</th>
                ${hours.map((hour) => {
                  const cell = byKey.get(`${weekday}-${hour}`);
                  if (!cell) return html`<td key=${hour} class="heat-none"></td>`;
                  const isBest = bestKeys.has(key(cell));
                  return html`<td
                    key=${hour}
                    class=${`heat-${heatLevel(cell, maxRate)}${isBest ? ' heat-best' : ''}`}
                  >
                    ${isBest && html`<span aria-hidden="true">★ </span>`}
                    <span class="heat-rate">${formatPercent(cell.engagementRate)}</span>
                    <span class="heat-posts">
                      <span aria-hidden="true">(${formatNumber(cell.posts)})</span>
                      <span class="visually-hidden"
                        >${t('dashboard.cellPosts', { count: cell.posts })}</span
                      >
                    </span>
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** Targets planned in the month: how many published, failed, on time, and why they failed. */
export function ReliabilitySection({ dashboard }) {
  const r = dashboard.reliability;
  return html`<section class="panel" aria-labelledby="reliability-title">
    <h2 id="reliability-title">${t('dashboard.reliability')}</h2>
    <${Details}
      items=${[
        [t('dashboard.targets'), formatNumber(r.targets)],
        [t('dashboard.published'), formatNumber(r.published)],
        [
          t('dashboard.failed'),
          html`${formatNumber(r.failed)}
            <span class="cell-sub"
              >${t('dashboard.previous', { value: formatNumber(r.previous.failed) })}</span
            >`,
        ],
        [
          t('dashboard.onTime', { minutes: r.onTimeMinutes }),
          html`${formatPercent(r.onTimeShare)}
            <span class="cell-sub">
              ${t('dashboard.previous', { value: formatPercent(r.previous.onTimeShare) })}
            </span>`,
        ],
      ]}
    />
    <h3>${t('dashboard.failures')}</h3>
    ${
      r.failuresByReason.length === 0
        ? html`<p class="muted">${t('dashboard.noFailures')}</p>`
        : html`<${DataTable}
            caption=${t('dashboard.failures')}
            columns=${[{ label: t('dashboard.reason') }, { label: t('dashboard.count'), num: true }]}
            items=${r.failuresByReason}
            row=${(f) =>
              html`<tr key=${f.reason}>
                <th scope="row" data-label=${t('dashboard.reason')} class="mono">${f.reason}</th>
                <td class="num" data-label=${t('dashboard.count')}>${formatNumber(f.count)}</td>
              </tr>`}
          />`
    }
    ${
      r.byNetwork.length > 0 &&
      html`<h3>${t('dashboard.byNetwork')}</h3>
        <${DataTable}
          caption=${t('dashboard.byNetwork')}
          columns=${[
            { label: t('dashboard.network') },
            { label: t('dashboard.targets'), num: true },
            { label: t('dashboard.published'), num: true },
            { label: t('dashboard.failed'), num: true },
          ]}
          items=${r.byNetwork}
          row=${(n) =>
            html`<tr key=${n.network}>
              <th scope="row" data-label=${t('dashboard.network')}>
                ${NETWORK_NAMES[n.network] ?? n.network}
              </th>
              <td class="num" data-label=${t('dashboard.targets')}>${formatNumber(n.targets)}</td>
              <td class="num" data-label=${t('dashboard.published')}>
                ${formatNumber(n.published)}
              </td>
              <td class="num" data-label=${t('dashboard.failed')}>${formatNumber(n.failed)}</td>
            </tr>`}
        />`
    }
  </section>`;
}

export function PostsPerWorkshopSection({ dashboard }) {
  const national = isNationalView(dashboard);
  return html`<section class="panel" aria-labelledby="per-workshop-title">
    <h2 id="per-workshop-title">${t('dashboard.perWorkshop')}</h2>
    <${DataTable}
      caption=${t('dashboard.perWorkshop')}
      columns=${[
        { label: t('dashboard.name') },
        { label: t('dashboard.posts'), num: true },
        { label: t('dashboard.lastMonth'), num: true },
      ]}
      items=${dashboard.postsPerWorkshop}
      empty=${{ title: t('dashboard.perWorkshopEmpty'), text: t('dashboard.perWorkshopHint') }}
      row=${(w) =>
        html`<tr key=${w.workshopId}>
          <${NameCell} item=${w} national=${national} />
          <td class="num" data-label=${t('dashboard.posts')}>${formatNumber(w.posts)}</td>
          <td class="num" data-label=${t('dashboard.lastMonth')}>
            ${formatNumber(w.previousPosts)}
          </td>
        </tr>`}
    />
  </section>`;
}

/**
 * Monthly reports to download as PDF, CSV or XLSX, and a button to make the chosen month's.
 * Hidden when the reports API does not answer (e.g. a server without reports).
 */
export function ReportsSection({ month, national, zone }) {
  const reports = useResource(() => api.get('/api/reports'), []);
  const [made, setMade] = useState(null);
  const make = useSubmit(async () => {
    setMade(null);
    await api.post('/api/reports', { month, scope: national ? 'national' : undefined });
    setMade(month);
    reports.reload();
  });
  const download = useSubmit((report, format) =>
    api.download(`/api/reports/${report.id}/file`, { format }, `karya-${report.month}.${format}`),
  );
  if (!Array.isArray(reports.data)) return null;
  const items = reports.data.filter((r) => r.scope === (national ? 'national' : 'institution'));
  return html`<section class="panel" aria-labelledby="reports-title">
    <h2 id="reports-title">${t('dashboard.reports')}</h2>
    <p class="muted">${t('dashboard.reportsHint')}</p>
    <p>
      <button
        type="button"
        class="btn btn-secondary"
        disabled=${make.busy}
        aria-busy=${make.busy ? 'true' : undefined}
        onClick=${make.submit}
      >
        ${make.busy ? t('dashboard.making') : t('dashboard.makeReport', { month: formatMonth(month) })}
      </button>
    </p>
    <${ErrorAlert} error=${make.error ?? download.error} />
    ${made && html`<${Alert} kind="success">${t('dashboard.made', { month: formatMonth(made) })}<//>`}
    <${DataTable}
      caption=${t('dashboard.reports')}
      columns=${[
        { label: t('dashboard.report') },
        { label: t('dashboard.created') },
        { label: t('dashboard.download') },
      ]}
      items=${items}
      empty=${{ title: t('dashboard.reportsEmpty'), text: t('dashboard.reportsEmptyHint') }}
      row=${(r) =>
        html`<tr key=${r.id}>
          <th scope="row" data-label=${t('dashboard.report')}>${formatMonth(r.month)}</th>
          <td data-label=${t('dashboard.created')}>${formatDateTime(r.generatedAt, zone)}</td>
          <td data-label=${t('dashboard.download')}>
            <div class="button-row">
              ${REPORT_FORMATS.map(
                (format) =>
                  html`<button
                    type="button"
                    key=${format}
                    class="btn btn-link"
                    disabled=${download.busy}
                    onClick=${(event) => download.submit(event, r, format)}
                  >
                    ${t('dashboard.downloadAs', { format: format.toUpperCase() })}
                  </button>`,
              )}
            </div>
          </td>
        </tr>`}
    />
  </section>`;
}
