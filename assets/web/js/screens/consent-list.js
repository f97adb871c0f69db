import {
  Alert,
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
import { formatDate } from '../lib/format.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { can } from '../lib/session.js';
import { MediaTabs } from './media-tabs.js';

const PAGE_SIZE = 20;
const FILTERS = ['status'];
const PATH = '/media/persetujuan';

export function validity(consent) {
  const until = consent.validUntil ? formatDate(consent.validUntil) : t('consent.untilWithdrawn');
  return `${formatDate(consent.validFrom)} – ${until}`;
}

export function ConsentStatusBadge({ consent }) {
  return consent.status === 'withdrawn'
    ? html`<${Badge} kind="danger">${t('consent.status.withdrawn')}<//>`
    : html`<${Badge} kind="success">${t('consent.status.active')}<//>`;
}

function ConsentFilters({ query }) {
  const form = useForm(pickFilters(query, FILTERS));
  return html`<${FilterBar}
    label=${t('consent.filters')}
    onSubmit=${() => navigate(PATH, form.values)}
    onReset=${hasFilters(query, FILTERS) ? () => navigate(PATH) : null}
  >
    <${SelectField}
      label=${t('consent.statusLabel')}
      ...${form.bind('status')}
      options=${[
        { value: '', label: t('common.all') },
        { value: 'active', label: t('consent.status.active') },
        { value: 'withdrawn', label: t('consent.status.withdrawn') },
      ]}
    />
  <//>`;
}

export function ConsentListScreen({ route }) {
  const query = route.query;
  const page = Number(query.page) || 1;
  const consents = useResource(
    () => api.get('/api/consents', { status: query.status, page, pageSize: PAGE_SIZE }),
    [query.status, page],
  );
  const notice = useNotice();
  const addButton =
    can('consent.manage') &&
    html`<a class="btn btn-primary" href=${href(`${PATH}/baru`)}>${t('consent.add')}</a>`;
  const items = consents.data?.items ?? [];
  return html`<${Page}
    title=${t('media.title')}
    actions=${addButton}
    tabs=${html`<${MediaTabs} current="consents" />`}
  >
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <p class="lead">${t('consent.intro')}</p>
    <${ConsentFilters} key=${filterKey(query, FILTERS)} query=${query} />
    <${ErrorAlert} error=${consents.error} />
    <${LoadingNote} loading=${consents.loading && consents.data} />
    ${
      consents.data && items.length === 0
        ? html`<${EmptyState}
            title=${t('consent.empty')}
            text=${addButton ? t('consent.emptyHint') : t('common.emptyReadOnly')}
            action=${addButton}
          />`
        : html`<div class="table-wrap">
            <table class="table stack">
              <caption class="visually-hidden">
                ${t('consent.register')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('consent.subject')}</th>
                  <th scope="col">${t('consent.purpose')}</th>
                  <th scope="col">${t('consent.channels')}</th>
                  <th scope="col">${t('consent.validity')}</th>
                  <th scope="col">${t('consent.statusLabel')}</th>
                </tr>
              </thead>
              <tbody>
                ${
                  consents.data
                    ? items.map(
                        (c) =>
                          html`<tr key=${c.id}>
                            <th scope="row" data-label=${t('consent.subject')}>
                              <a href=${href(`${PATH}/${c.id}`)}>${c.subjectName}</a>
                              ${
                                c.subjectIsMinor &&
                                html`<span class="cell-sub"
                                  ><${Badge} kind="warning">${t('consent.minor')}<//></span
                                >`
                              }
                            </th>
                            <td data-label=${t('consent.purpose')}>${c.purpose}</td>
                            <td data-label=${t('consent.channels')}>
                              ${c.channels.map((ch) => tEnum('channel', ch)).join(', ')}
                            </td>
                            <td data-label=${t('consent.validity')}>${validity(c)}</td>
                            <td data-label=${t('consent.statusLabel')}>
                              <${ConsentStatusBadge} consent=${c} />
                            </td>
                          </tr>`,
                      )
                    : consents.loading && html`<${SkeletonRows} columns=${5} />`
                }
              </tbody>
            </table>
          </div>`
    }
    ${
      consents.data &&
      html`<${Pagination}
        page=${page}
        pageSize=${PAGE_SIZE}
        total=${consents.data.total}
        onPage=${(p) => navigate(PATH, { ...query, page: p })}
      />`
    }
  <//>`;
}
