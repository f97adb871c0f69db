import { Alert, Badge } from '../components/feedback.js';
import { SelectField } from '../components/form.js';
import { FilterBar, Page, Tabs } from '../components/page.js';
import { ListTable, nothingYet, pageOf } from '../components/table.js';
import { api } from '../lib/api.js';
import { filterKey, hasFilters, pickFilters } from '../lib/filters.js';
import { formatDateTime } from '../lib/format.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { NETWORK_NAMES } from '../lib/posts.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';

const PAGE_SIZE = 20;
const FILTERS = ['status'];
export const POST_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'cancelled',
];
const STATUS_BADGE = {
  draft: 'neutral',
  in_review: 'warning',
  changes_requested: 'danger',
  approved: 'success',
  scheduled: 'success',
  published: 'success',
  partially_published: 'warning',
  failed: 'danger',
};

export function PostStatusBadge({ status }) {
  return html`<${Badge} kind=${STATUS_BADGE[status] ?? 'neutral'}
    >${tEnum('post.status', status)}<//
  >`;
}

export function ContentTabs({ current }) {
  const items = [
    { href: href('/konten'), label: t('content.allPosts'), current: current === 'all' },
  ];
  if (can('content.approve')) {
    items.push({
      href: href('/konten/tinjauan'),
      label: t('review.title'),
      current: current === 'review',
    });
  }
  return html`<${Tabs} label=${t('content.sections')} items=${items} />`;
}

function PostFilters({ query }) {
  const form = useForm(pickFilters(query, FILTERS));
  return html`<${FilterBar}
    label=${t('content.filters')}
    onSubmit=${() => navigate('/konten', form.values)}
    onReset=${hasFilters(query, FILTERS) ? () => navigate('/konten') : null}
  >
    <${SelectField}
      label=${t('content.status')}
      ...${form.bind('status')}
      options=${[
        { value: '', label: t('common.all') },
        ...POST_STATUSES.map((s) => ({ value: s, label: tEnum('post.status', s) })),
      ]}
    />
  <//>`;
}

function PostRow({ post, zone }) {
  return html`<tr key=${post.id}>
    <th scope="row" data-label=${t('content.post')}>
      <a href=${href(`/konten/${post.id}`)}>${post.title || t('content.untitled')}</a>
      <span class="cell-sub">${post.productName ?? t('content.noProduct')}</span>
    </th>
    <td data-label=${t('content.networks')}>
      ${post.networks.map((n) => NETWORK_NAMES[n]).join(', ')}
    </td>
    <td data-label=${t('content.planned')}>
      ${post.plannedAt ? formatDateTime(post.plannedAt, zone) : '—'}
    </td>
    <td data-label=${t('content.status')}><${PostStatusBadge} status=${post.status} /></td>
  </tr>`;
}

/** All posts ('/konten') or, with `review`, the approvers' queue of posts awaiting review. */
export function PostListScreen({ route, review }) {
  const query = route.query;
  const page = pageOf(query);
  const status = review ? 'in_review' : query.status;
  const posts = useResource(
    () => api.get('/api/posts', { status, page, pageSize: PAGE_SIZE }),
    [status, page],
  );
  const notice = useNotice();
  const zone = currentInstitution()?.timeZone;
  const writable = can('content.write');
  const addButton =
    writable &&
    html`<a class="btn btn-primary" href=${href('/konten/baru')}>${t('content.add')}</a>`;
  return html`<${Page}
    title=${review ? t('review.title') : t('content.title')}
    actions=${!review && addButton}
    tabs=${html`<${ContentTabs} current=${review ? 'review' : 'all'} />`}
  >
    ${review && html`<p class="lead">${t('review.intro')}</p>`}
    ${!review && html`<${PostFilters} key=${filterKey(query, FILTERS)} query=${query} />`}
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <${ListTable}
      resource=${posts}
      caption=${review ? t('review.title') : t('content.title')}
      columns=${[
        { label: t('content.post') },
        { label: t('content.networks') },
        { label: t('content.planned') },
        { label: t('content.status') },
      ]}
      row=${(post) => html`<${PostRow} key=${post.id} post=${post} zone=${zone} />`}
      empty=${
        review
          ? { title: t('review.empty'), text: t('review.emptyHint') }
          : nothingYet(t('content.empty'), t('content.emptyHint'), addButton)
      }
      noMatch=${{ title: t('content.noMatch'), text: t('content.noMatchHint') }}
      path=${review ? '/konten/tinjauan' : '/konten'}
      query=${query}
      pageSize=${PAGE_SIZE}
      filters=${review ? undefined : FILTERS}
    />
  <//>`;
}
