import { Alert, Badge } from '../components/feedback.js';
import { SelectField, TextField } from '../components/form.js';
import { FilterBar, Page } from '../components/page.js';
import { ListTable, nothingYet, pageOf } from '../components/table.js';
import { api } from '../lib/api.js';
import { filterKey, hasFilters, pickFilters } from '../lib/filters.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { can } from '../lib/session.js';
import { CatalogueTabs, loadWorkshops } from './catalogue-tabs.js';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'workshopId', 'status'];
/** What the route may carry beyond the page: the filters and the order, which narrows nothing. */
const FIELDS = [...FILTERS, 'sort', 'direction'];
/** The way the server sorts when no direction is sent (product.service.ts DEFAULT_DIRECTION). */
const DEFAULT_DIRECTION = { name: 'asc', price: 'asc', updatedAt: 'desc' };
/** The sort dropdown's choices, each sort both ways; the first is the server's default. */
const ORDERS = [
  'name:asc',
  'name:desc',
  'price:asc',
  'price:desc',
  'updatedAt:desc',
  'updatedAt:asc',
];
const PATH = '/katalog';

function ProductRow({ product }) {
  return html`<tr>
    <th scope="row" data-label=${t('product.name')}>
      <a href=${href(`/katalog/produk/${product.id}`)}>${product.name}</a>
      <span class="cell-sub">${product.sku}</span>
    </th>
    <td data-label=${t('product.workshop')}>${product.workshopName}</td>
    <td data-label=${t('product.price')} class="num">${product.priceLabel}</td>
    <td data-label=${t('product.tags')}>
      ${product.tags.length ? product.tags.map((tag) => html`<span class="tag" key=${tag}>${tag}</span>`) : '—'}
    </td>
    <td data-label=${t('product.status')}>
      <${Badge} kind=${product.status === 'active' ? 'success' : 'neutral'}>
        ${t(`product.status.${product.status}`)}
      <//>
    </td>
  </tr>`;
}

/**
 * The list's order, one state for the dropdown and the column heads: the route's sort and
 * direction, each defaulting as the server does.
 */
function orderOf(query) {
  const sort = query.sort || 'name';
  return { sort, direction: query.direction || DEFAULT_DIRECTION[sort] };
}

function ProductFilters({ query, workshops }) {
  const current = orderOf(query);
  const form = useForm({
    ...pickFilters(query, FILTERS),
    order: `${current.sort}:${current.direction}`,
  });
  const apply = () => {
    const { order, ...filters } = form.values;
    // The default order stays out of the address.
    const [sort, direction] = order === ORDERS[0] ? [] : order.split(':');
    navigate(PATH, { ...filters, sort, direction });
  };
  return html`<${FilterBar}
    label=${t('product.filters')}
    onSubmit=${apply}
    onReset=${hasFilters(query, FIELDS) ? () => navigate(PATH) : null}
    primary=${html`<${TextField}
      label=${t('common.search')}
      type="search"
      className="grow"
      placeholder=${t('product.searchPlaceholder')}
      ...${form.bind('q')}
    />`}
  >
    <${SelectField}
      label=${t('product.workshop')}
      ...${form.bind('workshopId')}
      options=${[
        { value: '', label: t('common.all') },
        ...workshops.map((w) => ({ value: w.id, label: w.name })),
      ]}
    />
    <${SelectField}
      label=${t('product.status')}
      ...${form.bind('status')}
      options=${[
        { value: '', label: t('common.all') },
        { value: 'active', label: t('product.status.active') },
        { value: 'archived', label: t('product.status.archived') },
      ]}
    />
    <${SelectField}
      label=${t('common.sort')}
      ...${form.bind('order')}
      options=${ORDERS.map((order) => ({
        value: order,
        label: t(`product.sort.${order.replace(':', '.')}`),
      }))}
    />
  <//>`;
}

export function ProductListScreen({ route }) {
  const query = route.query;
  const page = pageOf(query);
  const products = useResource(
    () =>
      api.get('/api/products', {
        q: query.q,
        workshopId: query.workshopId,
        status: query.status,
        sort: query.sort,
        direction: query.direction,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.q, query.workshopId, query.status, query.sort, query.direction, page],
  );
  const workshops = useResource(() => loadWorkshops(), []);
  const order = orderOf(query);
  const notice = useNotice();
  const writable = can('catalogue.write');
  const addButton =
    writable &&
    html`<a class="btn btn-primary" href=${href('/katalog/produk/baru')}>${t('product.add')}</a>`;

  return html`<${Page}
    title=${t('catalogue.title')}
    actions=${addButton}
    tabs=${html`<${CatalogueTabs} current="products" />`}
  >
    <${ProductFilters}
      key=${filterKey(query, FIELDS)}
      query=${query}
      workshops=${workshops.data ?? []}
    />
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <${ListTable}
      resource=${products}
      caption=${t('catalogue.products')}
      columns=${[
        { label: t('product.name'), sort: 'name' },
        { label: t('product.workshop') },
        { label: t('product.price'), num: true, sort: 'price' },
        { label: t('product.tags') },
        { label: t('product.status') },
      ]}
      sort=${{
        key: order.sort,
        direction: order.direction,
        onSort: (sort, direction) => navigate(PATH, { ...query, sort, direction, page: undefined }),
      }}
      row=${(p) => html`<${ProductRow} key=${p.id} product=${p} />`}
      empty=${nothingYet(t('product.empty'), t('product.emptyHint'), addButton)}
      noMatch=${{ title: t('product.noMatch'), text: t('product.noMatchHint') }}
      path=${PATH}
      query=${query}
      pageSize=${PAGE_SIZE}
      filters=${FILTERS}
    />
  <//>`;
}
