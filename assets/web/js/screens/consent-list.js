import { Alert, Badge } from '../components/feedback.js';
import { SelectField } from '../components/form.js';
import { FilterBar, Page } from '../components/page.js';
import { ListTable, nothingYet, pageOf } from '../components/table.js';
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

function ConsentRow({ consent }) {
  return html`<tr>
    <th scope="row" data-label=${t('consent.subject')}>
      <a href=${href(`${PATH}/${consent.id}`)}>${consent.subjectName}</a>
      ${
        consent.subjectIsMinor &&
        html`<span class="cell-sub"><${Badge} kind="warning">${t('consent.minor')}<//></span>`
      }
    </th>
    <td data-label=${t('consent.purpose')}>${consent.purpose}</td>
    <td data-label=${t('consent.channels')}>
      ${consent.channels.map((ch) => tEnum('channel', ch)).join(', ')}
    </td>
    <td data-label=${t('consent.validity')}>${validity(consent)}</td>
    <td data-label=${t('consent.statusLabel')}><${ConsentStatusBadge} consent=${consent} /></td>
  </tr>`;
}

export function ConsentListScreen({ route }) {
  const query = route.query;
  const page = pageOf(query);
  const consents = useResource(
    () => api.get('/api/consents', { status: query.status, page, pageSize: PAGE_SIZE }),
    [query.status, page],
  );
  const notice = useNotice();
  const addButton =
    can('consent.manage') &&
    html`<a class="btn btn-primary" href=${href(`${PATH}/baru`)}>${t('consent.add')}</a>`;
  return html`<${Page}
    title=${t('media.title')}
    actions=${addButton}
    tabs=${html`<${MediaTabs} current="consents" />`}
  >
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <p class="lead">${t('consent.intro')}</p>
    <${ConsentFilters} key=${filterKey(query, FILTERS)} query=${query} />
    <${ListTable}
      resource=${consents}
      caption=${t('consent.register')}
      columns=${[
        { label: t('consent.subject') },
        { label: t('consent.purpose') },
        { label: t('consent.channels') },
        { label: t('consent.validity') },
        { label: t('consent.statusLabel') },
      ]}
      row=${(c) => html`<${ConsentRow} key=${c.id} consent=${c} />`}
      empty=${nothingYet(t('consent.empty'), t('consent.emptyHint'), addButton)}
      path=${PATH}
      query=${query}
      pageSize=${PAGE_SIZE}
      filters=${FILTERS}
    />
  <//>`;
}
