import { EmptyState, ErrorAlert, LoadingNote } from '../components/feedback.js';
import { SelectField } from '../components/form.js';
import { FilterBar, Page, Pagination } from '../components/page.js';
import { api } from '../lib/api.js';
import { filterKey, hasFilters, pickFilters } from '../lib/filters.js';
import { formatDateTime } from '../lib/format.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { ClearanceBadge, MediaTabs } from './media-tabs.js';
import { MediaUpload } from './media-upload.js';

const PAGE_SIZE = 24;
const FILTERS = ['clearance', 'usable', 'productId'];

function MediaFilters({ query }) {
  const form = useForm(pickFilters(query, FILTERS));
  return html`<${FilterBar}
    label=${t('media.filters')}
    onSubmit=${() => navigate('/media', form.values)}
    onReset=${hasFilters(query, FILTERS) ? () => navigate('/media') : null}
  >
    <${SelectField}
      label=${t('media.usability')}
      ...${form.bind('usable')}
      options=${[
        { value: '', label: t('common.all') },
        { value: 'true', label: t('media.usable') },
        { value: 'false', label: t('media.blocked') },
      ]}
    />
    <${SelectField}
      label=${t('media.clearance')}
      ...${form.bind('clearance')}
      options=${[
        { value: '', label: t('common.all') },
        ...['uncleared', 'no_identifiable_person', 'consent'].map((c) => ({
          value: c,
          label: t(`clearance.${c}`),
        })),
      ]}
    />
  <//>`;
}

function MediaCard({ media }) {
  return html`<li class="media-card">
    <a class="media-link" href=${href(`/media/foto/${media.id}`)}>
      <span class="media-thumb">
        <img src=${media.thumbnailUrl} alt="" loading="lazy" width="400" height="400" />
      </span>
      <span class="media-name">${media.altText || media.originalFilename}</span>
    </a>
    <${ClearanceBadge} media=${media} />
    <p class="media-date">${formatDateTime(media.createdAt, currentInstitution()?.timeZone)}</p>
  </li>`;
}

function ProductFilterNote({ productId }) {
  const product = useResource(() => api.get(`/api/products/${productId}`), [productId]);
  return html`<p class="filter-note">
    ${t('media.forProduct', { name: product.data?.name ?? '…' })} ${' '}<a href=${href('/media')}
      >${t('media.allPhotos')}</a
    >
  </p>`;
}

export function MediaLibraryScreen({ route }) {
  const query = route.query;
  const page = Number(query.page) || 1;
  const media = useResource(
    () =>
      api.get('/api/media', {
        clearance: query.clearance,
        usable: query.usable,
        productId: query.productId,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.clearance, query.usable, query.productId, page],
  );
  const filtered = hasFilters(query, FILTERS);
  const writable = can('media.write');
  const items = media.data?.items ?? [];
  return html`<${Page} title=${t('media.title')} tabs=${html`<${MediaTabs} current="library" />`}>
    ${query.productId && html`<${ProductFilterNote} productId=${query.productId} />`}
    ${
      writable &&
      html`<${MediaUpload}
        productId=${query.productId}
        onUploaded=${media.reload}
        disabled=${!currentInstitution()}
      />`
    }
    <${MediaFilters} key=${filterKey(query, FILTERS)} query=${query} />
    <${ErrorAlert} error=${media.error} />
    <${LoadingNote} loading=${media.loading && media.data} />
    ${
      media.data && items.length === 0
        ? html`<${EmptyState}
            title=${filtered ? t('media.noMatch') : t('media.empty')}
            text=${filtered ? t('media.noMatchHint') : writable ? t('media.emptyHint') : t('common.emptyReadOnly')}
          />`
        : html`<ul class="media-grid" aria-label=${t('media.library')}>
            ${
              media.data
                ? items.map((m) => html`<${MediaCard} key=${m.id} media=${m} />`)
                : media.loading &&
                  Array.from(
                    { length: 8 },
                    (_, i) =>
                      html`<li class="media-card" key=${i} aria-hidden="true">
                        <span class="media-thumb skeleton" />
                        <span class="skeleton skeleton-line" />
                      </li>`,
                  )
            }
          </ul>`
    }
    ${
      media.data &&
      html`<${Pagination}
        page=${page}
        pageSize=${PAGE_SIZE}
        total=${media.data.total}
        onPage=${(p) => navigate('/media', { ...query, page: p })}
      />`
    }
  <//>`;
}
