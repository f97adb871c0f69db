import { ChartBox, SERIES_COLOURS } from '../components/chart.js';
import { EmptyState, ErrorAlert, LoadingNote } from '../components/feedback.js';
import { DataTable } from '../components/table.js';
import { Page } from '../components/page.js';
import { api } from '../lib/api.js';
import {
  currentLocale,
  formatDate,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRupiah,
  todayIn,
} from '../lib/format.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { NETWORK_NAMES } from '../lib/posts.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution, useSession } from '../lib/session.js';
import {
  Change,
  PostingTimesSection,
  PostsPerWorkshopSection,
  RankingSection,
  ReliabilitySection,
  ReportsSection,
} from './dashboard-sections.js';

const PATH = '/dasbor';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const KPIS = [
  { key: 'posts', format: formatNumber },
  { key: 'reach', format: formatNumber },
  { key: 'interactions', format: formatNumber },
  { key: 'engagementRate', format: formatPercent, rate: true },
  {
    key: 'clicks',
    format: formatNumber,
    note: (totals) => t('dashboard.ctr', { rate: formatPercent(totals.clickThroughRate) }),
  },
  {
    key: 'salesRevenueIdr',
    format: formatRupiah,
    note: (totals) => t('dashboard.salesQuantity', { count: formatNumber(totals.salesQuantity) }),
  },
];

function Kpis({ totals }) {
  return html`<section aria-labelledby="kpi-title">
    <h2 class="visually-hidden" id="kpi-title">${t('dashboard.kpis')}</h2>
    <ul class="kpis">
      ${KPIS.map(
        (kpi) =>
          html`<li class="kpi" key=${kpi.key}>
            <span class="kpi-label">${t(`dashboard.kpi.${kpi.key}`)}</span>
            ${
              totals
                ? html`<span class="kpi-value">${kpi.format(totals[kpi.key])}</span> ${
                      kpi.rate
                        ? html`<span class="kpi-change">
                            ${t('dashboard.previous', { value: kpi.format(totals.previous[kpi.key]) })}
                          </span>`
                        : html`<${Change} value=${totals.change[kpi.key]} />`
                    }
                    ${kpi.note && html`<span class="kpi-note">${kpi.note(totals)}</span>`}`
                : html`<span class="kpi-value"><span class="skeleton" /></span>`
            }
          </li>`,
      )}
    </ul>
  </section>`;
}

function dailyChart(dashboard) {
  const days = dashboard.daily;
  return {
    type: 'bar',
    data: {
      labels: days.map((d) => Number(d.day.slice(8))),
      datasets: [
        {
          type: 'line',
          label: t('dashboard.reach'),
          data: days.map((d) => d.reach),
          borderColor: SERIES_COLOURS[0],
          backgroundColor: SERIES_COLOURS[0],
          yAxisID: 'y',
        },
        {
          type: 'line',
          label: t('dashboard.interactions'),
          data: days.map((d) => d.interactions),
          borderColor: SERIES_COLOURS[1],
          backgroundColor: SERIES_COLOURS[1],
          borderDash: [6, 3],
          yAxisID: 'y1',
        },
        {
          type: 'bar',
          label: t('dashboard.posts'),
          data: days.map((d) => d.posts),
          backgroundColor: '#9cc5d8',
          yAxisID: 'y2',
        },
      ],
    },
    options: {
      locale: currentLocale(),
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom' } },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: t('dashboard.reach') } },
        y1: {
          beginAtZero: true,
          position: 'right',
          grid: { drawOnChartArea: false },
          title: { display: true, text: t('dashboard.interactions') },
        },
        y2: { beginAtZero: true, display: false },
      },
    },
  };
}

function networkChart(dashboard) {
  return {
    type: 'bar',
    data: {
      labels: dashboard.networks.map((n) => NETWORK_NAMES[n.network] ?? n.network),
      datasets: [
        {
          label: t('dashboard.thisMonth'),
          data: dashboard.networks.map((n) => n.reach),
          backgroundColor: SERIES_COLOURS[0],
        },
        {
          label: t('dashboard.lastMonth'),
          data: dashboard.networks.map((n) => n.previous.reach),
          backgroundColor: '#9cc5d8',
          borderColor: SERIES_COLOURS[0],
          borderWidth: 1,
        },
      ],
    },
    options: {
      locale: currentLocale(),
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, title: { display: true, text: t('dashboard.reach') } } },
    },
  };
}

function DailyTrend({ dashboard }) {
  return html`<section class="panel" aria-labelledby="trend-title">
    <h2 id="trend-title">${t('dashboard.trend')}</h2>
    <${ChartBox}
      label=${t('dashboard.trendLabel', { month: formatMonth(dashboard.month) })}
      config=${dailyChart(dashboard)}
    />
    <details class="chart-data">
      <summary>${t('dashboard.trendTable')}</summary>
      <${DataTable}
        caption=${t('dashboard.trendTable')}
        columns=${[
          { label: t('dashboard.date') },
          { label: t('dashboard.posts'), num: true },
          { label: t('dashboard.reach'), num: true },
          { label: t('dashboard.interactions'), num: true },
          { label: t('dashboard.er'), num: true },
        ]}
        items=${dashboard.daily.filter((d) => d.posts > 0)}
        empty=${{ title: t('dashboard.timesEmpty') }}
        row=${(d) =>
          html`<tr key=${d.day}>
            <th scope="row" data-label=${t('dashboard.date')}>${formatDate(d.day)}</th>
            <td class="num" data-label=${t('dashboard.posts')}>${formatNumber(d.posts)}</td>
            <td class="num" data-label=${t('dashboard.reach')}>${formatNumber(d.reach)}</td>
            <td class="num" data-label=${t('dashboard.interactions')}>
              ${formatNumber(d.interactions)}
            </td>
            <td class="num" data-label=${t('dashboard.er')}>${formatPercent(d.engagementRate)}</td>
          </tr>`}
      />
    </details>
  </section>`;
}

function Networks({ dashboard }) {
  return html`<section class="panel" aria-labelledby="networks-title">
    <h2 id="networks-title">${t('dashboard.networks')}</h2>
    <${ChartBox} label=${t('dashboard.networksLabel')} config=${networkChart(dashboard)} />
    <${DataTable}
      caption=${t('dashboard.networks')}
      columns=${[
        { label: t('dashboard.network') },
        { label: t('dashboard.posts'), num: true },
        { label: t('dashboard.reach'), num: true },
        { label: t('dashboard.interactions'), num: true },
        { label: t('dashboard.er'), num: true },
        { label: t('dashboard.reachChange') },
      ]}
      items=${dashboard.networks}
      empty=${{ title: t('dashboard.timesEmpty') }}
      row=${(n) =>
        html`<tr key=${n.network}>
          <th scope="row" data-label=${t('dashboard.network')}>
            ${NETWORK_NAMES[n.network] ?? n.network}
          </th>
          <td class="num" data-label=${t('dashboard.posts')}>${formatNumber(n.posts)}</td>
          <td class="num" data-label=${t('dashboard.reach')}>${formatNumber(n.reach)}</td>
          <td class="num" data-label=${t('dashboard.interactions')}>
            ${formatNumber(n.interactions)}
          </td>
          <td class="num" data-label=${t('dashboard.er')}>${formatPercent(n.engagementRate)}</td>
          <td data-label=${t('dashboard.reachChange')}>
            <${Change} value=${n.change.reach} compact />
          </td>
        </tr>`}
    />
  </section>`;
}

function MonthPicker({ month, max, view }) {
  const form = useForm({ month });
  const submit = (event) => {
    event.preventDefault();
    if (MONTH.test(form.values.month)) navigate(PATH, { month: form.values.month, view });
  };
  return html`<form class="month-picker" onSubmit=${submit}>
    <label for="dashboard-month">${t('dashboard.month')}</label>
    <input
      id="dashboard-month"
      type="month"
      pattern="[0-9]{4}-[0-9]{2}"
      placeholder="YYYY-MM"
      max=${max}
      required
      ...${form.bind('month')}
    />
    <button type="submit" class="btn btn-secondary">${t('dashboard.show')}</button>
  </form>`;
}

function isEmpty(dashboard) {
  return dashboard.totals.posts === 0 && dashboard.reliability.targets === 0;
}

/**
 * The management dashboard of one month: key figures with the change on the month before,
 * charts, interest ranking, best posting times, publishing reliability and report downloads.
 * National roles see every institution together unless they pick one.
 */
export function DashboardScreen({ route }) {
  const session = useSession();
  const institution = currentInstitution(session);
  const national = can('reports.national') && (!institution || route.query.view === 'national');
  const zone = national ? 'Asia/Jakarta' : institution?.timeZone;
  const latest = todayIn(zone).slice(0, 7);
  const month = MONTH.test(route.query.month ?? '') ? route.query.month : latest;
  const view = national && institution ? 'national' : undefined;
  const dashboard = useResource(
    () => api.get(national ? '/api/dashboard/national' : '/api/dashboard', { month }),
    [month, national],
  );
  const data = dashboard.data;
  const links = html`<div class="dashboard-links">
    ${
      institution &&
      can('reports.national') &&
      html`<a
        class="btn btn-link"
        href=${href(PATH, { month, view: national ? undefined : 'national' })}
      >
        ${national ? t('dashboard.toInstitution') : t('dashboard.toNational')}
      </a>`
    }
    ${
      !national &&
      institution?.slug &&
      html`<a class="btn btn-link" href=${`/katalog/${institution.slug}`}>
        ${t('dashboard.publicCatalogue')}
      </a>`
    }
  </div>`;
  return html`<${Page}
    title=${national ? t('dashboard.titleNational') : t('dashboard.title')}
    actions=${html`<${MonthPicker} key=${month} month=${month} max=${latest} view=${view} />`}
  >
    <p class="lead">
      ${national ? t('dashboard.introNational') : t('dashboard.intro', { name: institution?.name ?? '' })}
    </p>
    ${links}
    <${ErrorAlert} error=${dashboard.error} />
    <${LoadingNote} loading=${dashboard.loading && data} />
    <${Kpis} totals=${data?.totals} />
    ${
      !data
        ? html`<div class="dashboard-grid" aria-hidden="true">
            <div class="panel"><div class="chart-box" /></div>
            <div class="panel"><div class="chart-box" /></div>
          </div>`
        : isEmpty(data)
          ? html`<${EmptyState}
              title=${t('dashboard.emptyTitle', { month: formatMonth(month) })}
              text=${t('dashboard.emptyText')}
              action=${
                !national &&
                html`<a class="btn btn-secondary" href=${href('/kalender')}
                  >${t('dashboard.toCalendar')}</a
                >`
              }
            />`
          : html`<div class="dashboard-grid">
                <${DailyTrend} dashboard=${data} />
                <${Networks} dashboard=${data} />
              </div>
              <${RankingSection} dashboard=${data} />
              <div class="dashboard-grid">
                <${PostingTimesSection} dashboard=${data} />
                <${ReliabilitySection} dashboard=${data} />
              </div>
              <${PostsPerWorkshopSection} dashboard=${data} />`
    }
    <${ReportsSection} key=${national} month=${month} national=${national} zone=${zone} />
  <//>`;
}
