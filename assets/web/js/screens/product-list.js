import {
  Alert,
  Badge,
  EmptyState,
  ErrorAlert,
  LoadingNote,
  SkeletonRows,
} from '../components/feedback.js';
import { SelectField, TextField } from '../components/form.js';
import { FilterBar, Page, Pagination } from '../components/page.js';
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
const FILTERS = ['q', 'workshopId', 'status', 'sort'];

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

function ProductFilters({ query, workshops }) {
  const form = useForm(pickFilters(query, FILTERS));
  const apply = () => navigate('/katalog', form.values);
  return html`<${FilterBar}
    label=${t('product.filters')}
    onSubmit=${apply}
    onReset=${hasFilters(query, FILTERS) ? () => navigate('/katalog') : null}
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
      ...${form.bind('sort')}
      options=${[
        { value: '', label: t('product.sort.name') },
        { value: 'price', label: t('product.sort.price') },
        { value: 'updatedAt', label: t('product.sort.updatedAt') },
      ]}
    />
  <//>`;
}

export function ProductListScreen({ route }) {
  const query = route.query;
  const page = Number(query.page) || 1;
  const filtered = hasFilters(query, FILTERS);
  const products = useResource(
    () =>
      api.get('/api/products', {
        q: query.q,
        workshopId: query.workshopId,
        status: query.status,
        sort: query.sort,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.q, query.workshopId, query.status, query.sort, page],
  );
  const workshops = useResource(() => loadWorkshops(), []);
  const notice = useNotice();
  const writable = can('catalogue.write');
  const addButton =
    writable &&
    html`<a class="btn btn-primary" href=${href('/katalog/produk/baru')}>${t('product.add')}</a>`;
  const items = products.data?.items ?? [];

  return html`<${Page}
    title=${t('catalogue.title')}
    actions=${addButton}
    tabs=${html`<${CatalogueTabs} current="products" />`}
  >
    <${ProductFilters}
      key=${filterKey(query, FILTERS)}
      query=${query}
      workshops=${workshops.data ?? []}
    />
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <${ErrorAlert} error=${products.error} />
    <${LoadingNote} loading=${products.loading && products.data} />
    ${
      products.data && items.length === 0
        ? html`<${EmptyState}
            title=${filtered ? t('product.noMatch') : t('product.empty')}
            text=${filtered ? t('product.noMatchHint') : writable ? t('product.emptyHint') : t('common.emptyReadOnly')}
            action=${
              filtered
                ? html`<a class="btn btn-secondary" href=${href('/katalog')}
                    >${t('common.resetFilters')}</a
                  >`
                : addButton
            }
          />`
        : html`<div class="table-wrap">
            <table class="table stack">
              <caption class="visually-hidden">
                ${t('catalogue.products')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('product.name')}</th>
                  <th scope="col">${t('product.workshop')}</th>
                  <th scope="col" class="num">${t('product.price')}</th>
                  <th scope="col">${t('product.tags')}</th>
                  <th scope="col">${t('product.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${
                  products.data
                    ? items.map((p) => html`<${ProductRow} key=${p.id} product=${p} />`)
                    : products.loading && html`<${SkeletonRows} columns=${5} />`
                }
              </tbody>
            </table>
          </div>`
    }
    ${
      products.data &&
      html`<${Pagination}
        page=${page}
        pageSize=${PAGE_SIZE}
        total=${products.data.total}
        onPage=${(p) => navigate('/katalog', { ...query, page: p })}
      />`
    }
  <//>`;
}
