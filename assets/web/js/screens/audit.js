import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { SelectField, TextField } from '../components/form.js';
import { FilterBar, Page } from '../components/page.js';
import { ListTable, pageOf } from '../components/table.js';
import { api } from '../lib/api.js';
import { filterKey, hasFilters, pickFilters } from '../lib/filters.js';
import { formatDateTime, zoneOffset } from '../lib/format.js';
import { useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { navigate } from '../lib/router.js';
import { currentInstitution } from '../lib/session.js';

const PAGE_SIZE = 50;
const PATH = '/audit';
const FILTERS = ['from', 'to', 'action', 'entityType', 'actorUserId'];
const ACTIONS = [
  'create',
  'update',
  'delete',
  'approve',
  'reject',
  'override',
  'publish',
  'login',
  'login_failed',
  'logout',
  'export',
  'withdraw',
  'clear',
  'password_change',
  'password_reset',
  'deactivate',
  'activate',
];
const ENTITY_TYPES = [
  'institution',
  'user',
  'workshop',
  'product',
  'media_asset',
  'consent_record',
  'takedown_task',
  'audit_log',
];
function nextDay(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Dates chosen in the institution's zone become the instants the API filters on. */
function apiFilters(query) {
  const offset = zoneOffset(currentInstitution()?.timeZone);
  return {
    from: query.from ? `${query.from}T00:00:00${offset}` : undefined,
    to: query.to ? `${nextDay(query.to)}T00:00:00${offset}` : undefined,
    action: query.action,
    entityType: query.entityType,
    actorUserId: query.actorUserId,
  };
}

function AuditFilters({ query, users }) {
  const form = useForm(pickFilters(query, FILTERS));
  const all = { value: '', label: t('common.all') };
  return html`<${FilterBar}
    label=${t('audit.filters')}
    onSubmit=${() => navigate(PATH, form.values)}
    onReset=${hasFilters(query, FILTERS) ? () => navigate(PATH) : null}
  >
    <${TextField} label=${t('audit.from')} type="date" ...${form.bind('from')} />
    <${TextField} label=${t('audit.to')} type="date" ...${form.bind('to')} />
    <${SelectField}
      label=${t('audit.action')}
      ...${form.bind('action')}
      options=${[all, ...ACTIONS.map((a) => ({ value: a, label: tEnum('action', a) }))]}
    />
    <${SelectField}
      label=${t('audit.entity')}
      ...${form.bind('entityType')}
      options=${[all, ...ENTITY_TYPES.map((e) => ({ value: e, label: tEnum('entity', e) }))]}
    />
    <${SelectField}
      label=${t('audit.actor')}
      ...${form.bind('actorUserId')}
      options=${[all, ...users.map((u) => ({ value: u.id, label: u.displayName }))]}
    />
  <//>`;
}

function Change({ entry }) {
  if (entry.before === null && entry.after === null) return '—';
  return html`<details class="change">
    <summary>${t('audit.showChange')}</summary>
    ${
      entry.before !== null &&
      html`<p class="change-label">${t('audit.before')}</p>
        <pre>${JSON.stringify(entry.before, null, 2)}</pre>`
    }
    ${
      entry.after !== null &&
      html`<p class="change-label">${t('audit.after')}</p>
        <pre>${JSON.stringify(entry.after, null, 2)}</pre>`
    }
  </details>`;
}

/** The CSV export uses the same filters; it is fetched so the institution header goes along. */
function ExportButton({ query }) {
  const [result, setResult] = useState(null);
  const { submit, busy, error } = useSubmit(async () => {
    setResult(null);
    const { headers } = await api.download(
      '/api/audit/export.csv',
      apiFilters(query),
      'audit-log.csv',
    );
    setResult(headers.get('X-Export-Truncated') === 'true' ? 'truncated' : 'done');
  });
  return html`<div class="export">
    <button
      type="button"
      class="btn btn-secondary"
      disabled=${busy}
      aria-busy=${busy ? 'true' : undefined}
      onClick=${submit}
    >
      ${busy ? t('audit.exporting') : t('audit.export')}
    </button>
    <${ErrorAlert} error=${error} />
    ${
      result &&
      html`<${Alert} kind=${result === 'truncated' ? 'warning' : 'success'}>
        ${result === 'truncated' ? t('audit.exportTruncated') : t('audit.exported')}
      <//>`
    }
  </div>`;
}

function AuditRow({ entry, zone }) {
  return html`<tr>
    <th scope="row" data-label=${t('audit.time')}>${formatDateTime(entry.occurredAt, zone)}</th>
    <td data-label=${t('audit.actor')}>${entry.actorEmail ?? t('audit.system')}</td>
    <td data-label=${t('audit.action')}>${tEnum('action', entry.action)}</td>
    <td data-label=${t('audit.entity')}>
      ${tEnum('entity', entry.entityType)}
      ${entry.entityId && html`<span class="cell-sub mono">${entry.entityId.slice(0, 8)}</span>`}
    </td>
    <td data-label=${t('audit.change')}><${Change} entry=${entry} /></td>
  </tr>`;
}

export function AuditScreen({ route }) {
  const query = route.query;
  const page = pageOf(query);
  const entries = useResource(
    () => api.get('/api/audit', { ...apiFilters(query), page, pageSize: PAGE_SIZE }),
    [...FILTERS.map((f) => query[f]), page],
  );
  const users = useResource(async () => (await api.get('/api/users', { pageSize: 100 })).items, []);
  const zone = currentInstitution()?.timeZone;
  return html`<${Page}
    title=${t('audit.title')}
    actions=${html`<${ExportButton} query=${query} />`}
  >
    <p class="lead">${t('audit.intro')}</p>
    <${AuditFilters} key=${filterKey(query, FILTERS)} query=${query} users=${users.data ?? []} />
    <${ListTable}
      resource=${entries}
      caption=${t('audit.title')}
      columns=${[
        { label: t('audit.time') },
        { label: t('audit.actor') },
        { label: t('audit.action') },
        { label: t('audit.entity') },
        { label: t('audit.change') },
      ]}
      row=${(e) => html`<${AuditRow} key=${e.id} entry=${e} zone=${zone} />`}
      empty=${{ title: t('audit.empty'), text: t('audit.emptyHint') }}
      noMatch=${{ title: t('audit.empty'), text: t('audit.emptyHint') }}
      path=${PATH}
      query=${query}
      pageSize=${PAGE_SIZE}
      filters=${FILTERS}
    />
  <//>`;
}
