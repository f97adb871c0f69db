import {
  Badge,
  EmptyState,
  ErrorAlert,
  LoadingNote,
  SkeletonRows,
} from '../components/feedback.js';
import { SelectField } from '../components/form.js';
import { FilterBar, Page, Pagination } from '../components/page.js';
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

export function TakedownListScreen({ route }) {
  const query = route.query;
  const page = Number(query.page) || 1;
  const tasks = useResource(
    () => api.get('/api/takedown-tasks', { status: query.status, page, pageSize: PAGE_SIZE }),
    [query.status, page],
  );
  const zone = currentInstitution()?.timeZone;
  const items = tasks.data?.items ?? [];
  return html`<${Page} title=${t('media.title')} tabs=${html`<${MediaTabs} current="takedowns" />`}>
    <p class="lead">${t('takedown.intro')}</p>
    <${TakedownFilters} key=${filterKey(query, FILTERS)} query=${query} />
    <${ErrorAlert} error=${tasks.error} />
    <${LoadingNote} loading=${tasks.loading && tasks.data} />
    ${
      tasks.data && items.length === 0
        ? html`<${EmptyState} title=${t('takedown.empty')} text=${t('takedown.emptyHint')} />`
        : html`<div class="table-wrap">
            <table class="table stack">
              <caption class="visually-hidden">
                ${t('takedown.tasks')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('takedown.opened')}</th>
                  <th scope="col">${t('takedown.reason')}</th>
                  <th scope="col" class="num">${t('takedown.photoCount')}</th>
                  <th scope="col">${t('takedown.statusLabel')}</th>
                </tr>
              </thead>
              <tbody>
                ${
                  tasks.data
                    ? items.map(
                        (task) =>
                          html`<tr key=${task.id}>
                            <th scope="row" data-label=${t('takedown.opened')}>
                              <a href=${href(`${PATH}/${task.id}`)}
                                >${formatDateTime(task.createdAt, zone)}</a
                              >
                            </th>
                            <td data-label=${t('takedown.reason')}>${task.reason}</td>
                            <td data-label=${t('takedown.photoCount')} class="num">
                              ${task.items.length}
                            </td>
                            <td data-label=${t('takedown.statusLabel')}>
                              <${TakedownBadge} status=${task.status} />
                            </td>
                          </tr>`,
                      )
                    : tasks.loading && html`<${SkeletonRows} columns=${4} />`
                }
              </tbody>
            </table>
          </div>`
    }
    ${
      tasks.data &&
      html`<${Pagination}
        page=${page}
        pageSize=${PAGE_SIZE}
        total=${tasks.data.total}
        onPage=${(p) => navigate(PATH, { ...query, page: p })}
      />`
    }
  <//>`;
}
