import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { SelectField, SubmitButton, TextArea, TextField } from '../components/form.js';
import { Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { formatRupiah, parseRupiah } from '../lib/format.js';
import { fieldError, useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { notify } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { loadWorkshops } from './catalogue-tabs.js';
import { MarketplaceLinks } from './product-links.js';

function initialValues(product) {
  return {
    name: product?.name ?? '',
    workshopId: product?.workshopId ?? '',
    price: product ? String(product.priceRupiah) : '',
    sku: product?.sku ?? '',
    description: product?.description ?? '',
    tags: product?.tags.join(', ') ?? '',
    links: (product?.marketplaceLinks ?? []).map((l) => ({
      marketplace: l.marketplace,
      url: l.url,
      label: l.label ?? '',
    })),
  };
}

/** The request body, or an error naming the first field the server would refuse anyway. */
function toBody(values) {
  const invalid = (field, key) => new ApiError(400, { field, message: t(key) });
  if (!values.name.trim()) throw invalid('name', 'product.nameRequired');
  if (!values.workshopId) throw invalid('workshopId', 'product.workshopRequired');
  const price = parseRupiah(values.price);
  if (price === null) throw invalid('priceRupiah', 'product.priceInvalid');
  if (!values.sku.trim()) throw invalid('sku', 'product.skuRequired');
  return {
    name: values.name,
    workshopId: values.workshopId,
    priceRupiah: price,
    sku: values.sku.trim(),
    description: values.description,
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    marketplaceLinks: values.links.map((l) => ({
      marketplace: l.marketplace,
      url: l.url.trim(),
      label: l.label.trim() || null,
    })),
  };
}

function ProductFields({ product, workshops, onSaved }) {
  const form = useForm(initialValues(product));
  const { values } = form;
  const writable = can('catalogue.write');
  const needsInstitution = !product && !currentInstitution();
  const { submit, busy, error } = useSubmit(async () => {
    const body = toBody(values);
    const saved = product
      ? await api.patch(`/api/products/${product.id}`, body)
      : await api.post('/api/products', body);
    onSaved(saved);
  });
  const price = parseRupiah(values.price);
  const choices = workshops.filter((w) => w.isActive || w.id === values.workshopId);
  return html`<form class="form" onSubmit=${submit} novalidate>
    <${ErrorAlert} error=${error} />
    ${needsInstitution && html`<${Alert} kind="warning">${t('common.chooseInstitution')}<//>`}
    <p class="hint">${t('common.requiredNote')}</p>
    <div class="form-grid">
      <${TextField}
        label=${t('product.name')}
        required
        maxlength="200"
        className="span-2"
        error=${fieldError(error, 'name')}
        ...${form.bind('name')}
      />
      <${SelectField}
        label=${t('product.workshop')}
        required
        hint=${choices.length === 0 ? t('product.noWorkshops') : null}
        error=${fieldError(error, 'workshopId')}
        ...${form.bind('workshopId')}
        options=${[
          { value: '', label: t('product.chooseWorkshop') },
          ...choices.map((w) => ({ value: w.id, label: w.name })),
        ]}
      />
      <${TextField}
        label=${t('product.priceRupiah')}
        required
        inputmode="numeric"
        hint=${price !== null && values.price ? t('product.priceShown', { price: formatRupiah(price) }) : t('product.priceHint')}
        error=${fieldError(error, 'priceRupiah')}
        ...${form.bind('price')}
      />
      <${TextField}
        label=${t('product.sku')}
        required
        maxlength="100"
        hint=${t('product.skuHint')}
        error=${fieldError(error, 'sku')}
        ...${form.bind('sku')}
      />
      <${TextField}
        label=${t('product.tags')}
        hint=${t('product.tagsHint')}
        error=${fieldError(error, 'tags')}
        ...${form.bind('tags')}
      />
      <${TextArea}
        label=${t('product.description')}
        maxlength="5000"
        className="span-2"
        error=${fieldError(error, 'description')}
        ...${form.bind('description')}
      />
    </div>
    <${MarketplaceLinks}
      links=${values.links}
      error=${error}
      onChange=${(links) => form.set('links', links)}
    />
    ${
      writable &&
      html`<div class="form-actions">
        <${SubmitButton}
          busy=${busy}
          disabled=${needsInstitution}
          label=${t('common.save')}
          busyLabel=${t('common.saving')}
        />
        <a class="btn btn-secondary" href=${href('/katalog')}>${t('common.cancel')}</a>
      </div>`
    }
  </form>`;
}

function ArchiveControl({ product, onChanged }) {
  const archived = product.status === 'archived';
  const { submit, busy, error } = useSubmit(async () => {
    onChanged(await api.post(`/api/products/${product.id}/${archived ? 'restore' : 'archive'}`));
  });
  return html`<section class="panel" aria-labelledby="product-status">
    <h2 id="product-status">${t('product.status')}</h2>
    <p>${archived ? t('product.archivedNote') : t('product.activeNote')}</p>
    <${ErrorAlert} error=${error} />
    <button type="button" class="btn btn-secondary" disabled=${busy} onClick=${submit}>
      ${archived ? t('product.restore') : t('product.archive')}
    </button>
  </section>`;
}

export function ProductFormScreen({ params }) {
  const id = params.id;
  const data = useResource(
    async () => ({
      workshops: await loadWorkshops(),
      product: id ? await api.get(`/api/products/${id}`) : null,
    }),
    [id],
  );
  const saved = (product) => {
    notify(t('product.saved', { name: product.name }), '/katalog');
    navigate('/katalog');
  };
  const title = id ? (data.data?.product?.name ?? t('product.edit')) : t('product.new');
  return html`<${Page}
    title=${title}
    back=${{ href: href('/katalog'), label: t('catalogue.products') }}
  >
    <${ErrorAlert} error=${data.error} />
    ${
      data.data
        ? html`<${ProductFields}
            key=${data.data.product?.updatedAt ?? 'new'}
            product=${data.data.product}
            workshops=${data.data.workshops}
            onSaved=${saved}
          />`
        : !data.error && html`<${SkeletonBlock} height="32rem" />`
    }
    ${
      data.data?.product &&
      html`<div class="panels">
        <section class="panel" aria-labelledby="product-photos">
          <h2 id="product-photos">${t('product.photos')}</h2>
          <p>${t('product.photosHint')}</p>
          <a class="btn btn-secondary" href=${href('/media', { productId: id })}>
            ${t('product.openPhotos')}
          </a>
        </section>
        ${
          can('catalogue.write') &&
          html`<${ArchiveControl} product=${data.data.product} onChanged=${data.reload} />`
        }
      </div>`
    }
  <//>`;
}
