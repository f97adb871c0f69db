import { Badge } from '../components/feedback.js';
import { SelectField } from '../components/form.js';
import { FilterBar, Page } from '../components/page.js';
import { ListTable, pageOf } from '../components/table.js';
import { api } from '../lib/api.js';
import { filterKey, hasFilters, pickFilters } from '../lib/filters.js';
import { formatDateTime } from '../lib/format.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution } from '../lib/session.js';
import { MediaTabs } from './media-tabs.js';

const PAGE_SIZE = 20;
const FILTERS = ['status'];
const PATH = '/media/penurunan';
export const TAKEDOWN_STATUSES = ['open', 'in_progress', 'done', 'cancelled'];
const BADGE = { open: 'danger', in_progress: 'warning', done: 'success', cancelled: 'neutral' };

export function TakedownBadge({ status }) {
  return html`<${Badge} kind=${BADGE[status]}>${tEnum('takedown.status', status)}<//>`;
}

function TakedownFilters({ query }) {
  const form = useForm(pickFilters(query, FILTERS));
  return html`<${FilterBar}
    label=${t('takedown.filters')}
    onSubmit=${() => navigate(PATH, form.values)}
    onReset=${hasFilters(query, FILTERS) ? () => navigate(PATH) : null}
  >
    <${SelectField}
      label=${t('takedown.statusLabel')}
      ...${form.bind('status')}
      options=${[
        { value: '', label: t('common.all') },
        ...TAKEDOWN_STATUSES.map((s) => ({ value: s, label: tEnum('takedown.status', s) })),
      ]}
    />
  <//>`;
}

function TakedownRow({ task, zone }) {
  return html`<tr>
    <th scope="row" data-label=${t('takedown.opened')}>
      <a href=${href(`${PATH}/${task.id}`)}>${formatDateTime(task.createdAt, zone)}</a>
    </th>
    <td data-label=${t('takedown.reason')}>${task.reason}</td>
    <td data-label=${t('takedown.photoCount')} class="num">${task.items.length}</td>
    <td data-label=${t('takedown.statusLabel')}><${TakedownBadge} status=${task.status} /></td>
  </tr>`;
}

export function TakedownListScreen({ route }) {
  const query = route.query;
  const page = pageOf(query);
  const tasks = useResource(
    () => api.get('/api/takedown-tasks', { status: query.status, page, pageSize: PAGE_SIZE }),
    [query.status, page],
  );
  const zone = currentInstitution()?.timeZone;
  return html`<${Page} title=${t('media.title')} tabs=${html`<${MediaTabs} current="takedowns" />`}>
    <p class="lead">${t('takedown.intro')}</p>
    <${TakedownFilters} key=${filterKey(query, FILTERS)} query=${query} />
    <${ListTable}
      resource=${tasks}
      caption=${t('takedown.tasks')}
      columns=${[
        { label: t('takedown.opened') },
        { label: t('takedown.reason') },
        { label: t('takedown.photoCount'), num: true },
        { label: t('takedown.statusLabel') },
      ]}
      row=${(task) => html`<${TakedownRow} key=${task.id} task=${task} zone=${zone} />`}
      empty=${{ title: t('takedown.empty'), text: t('takedown.emptyHint') }}
      path=${PATH}
      query=${query}
      pageSize=${PAGE_SIZE}
      filters=${FILTERS}
    />
  <//>`;
}
