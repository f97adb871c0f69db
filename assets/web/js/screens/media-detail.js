import { useState } from 'preact/hooks';
import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { SelectField, SubmitButton, TextArea } from '../components/form.js';
import { Details, Page } from '../components/page.js';
import { api } from '../lib/api.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { fieldError, useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { notify } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { ClearanceForm, ClearanceStatus } from './media-clearance.js';

function PhotoFields({ media, products, onSaved }) {
  const form = useForm({ altText: media.altText, productId: media.productId ?? '' });
  const { submit, busy, error } = useSubmit(async () => {
    const body = { altText: form.values.altText, productId: form.values.productId || null };
    onSaved(await api.patch(`/api/media/${media.id}`, body));
  });
  return html`<form class="form" onSubmit=${submit} novalidate>
    <${ErrorAlert} error=${error} />
    <${TextArea}
      label=${t('media.altText')}
      hint=${t('media.altTextHint')}
      rows="3"
      maxlength="1000"
      error=${fieldError(error, 'altText')}
      ...${form.bind('altText')}
    />
    <${SelectField}
      label=${t('media.product')}
      error=${fieldError(error, 'productId')}
      ...${form.bind('productId')}
      options=${[
        { value: '', label: t('media.noProduct') },
        ...products.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` })),
        // An archived product is not in the list but must stay selected.
        ...(media.productId && !products.some((p) => p.id === media.productId)
          ? [{ value: media.productId, label: t('media.currentProduct') }]
          : []),
      ]}
    />
    <div class="form-actions">
      <${SubmitButton} busy=${busy} label=${t('common.save')} busyLabel=${t('common.saving')} />
    </div>
  </form>`;
}

function DeletePhoto({ media }) {
  const { submit, busy, error } = useSubmit(async () => {
    await api.del(`/api/media/${media.id}`);
    notify(t('media.deleted'), '/media');
    navigate('/media');
  });
  return html`<section class="panel" aria-labelledby="photo-delete">
    <h2 id="photo-delete">${t('media.deleteTitle')}</h2>
    <p>${t('media.deleteHint')}</p>
    <${ErrorAlert} error=${error} />
    <button type="button" class="btn btn-danger" disabled=${busy} onClick=${submit}>
      ${t('media.delete')}
    </button>
  </section>`;
}

export function MediaDetailScreen({ params }) {
  const [saved, setSaved] = useState(null);
  const data = useResource(
    async () => ({
      media: await api.get(`/api/media/${params.id}`),
      products: (await api.get('/api/products', { status: 'active', pageSize: 100 })).items,
    }),
    [params.id],
  );
  const media = data.data?.media;
  const onSaved = (message) => () => {
    setSaved(message);
    data.reload();
  };
  const zone = currentInstitution()?.timeZone;
  return html`<${Page}
    title=${media ? media.altText || media.originalFilename : t('media.photo')}
    back=${{ href: href('/media'), label: t('media.library') }}
  >
    <${ErrorAlert} error=${data.error} />
    ${saved && html`<${Alert} kind="success">${saved}<//>`}
    ${
      !media
        ? !data.error && html`<${SkeletonBlock} height="28rem" />`
        : html`<div class="media-detail">
            <figure class="media-figure">
              <img
                src=${media.fileUrl}
                width=${media.width}
                height=${media.height}
                alt=${media.altText || t('media.photoOf', { name: media.originalFilename })}
              />
            </figure>
            <div class="media-side">
              <section class="panel" aria-labelledby="clearance-title">
                <h2 id="clearance-title">${t('media.clearance')}</h2>
                <${ClearanceStatus} media=${media} />
                ${
                  can('consent.manage') &&
                  html`<${ClearanceForm}
                    key=${media.updatedAt}
                    media=${media}
                    onSaved=${onSaved(t('media.clearanceSaved'))}
                  />`
                }
              </section>
              <section class="panel" aria-labelledby="info-title">
                <h2 id="info-title">${t('media.info')}</h2>
                <${Details}
                  items=${[
                    [t('media.filename'), media.originalFilename],
                    [
                      t('media.size'),
                      `${media.width} × ${media.height} px · ${formatBytes(media.byteSize)}`,
                    ],
                    [t('media.uploadedAt'), formatDateTime(media.createdAt, zone)],
                  ]}
                />
                ${
                  can('media.write') &&
                  html`<${PhotoFields}
                    key=${media.updatedAt}
                    media=${media}
                    products=${data.data.products}
                    onSaved=${onSaved(t('media.saved'))}
                  />`
                }
              </section>
              ${can('media.write') && html`<${DeletePhoto} media=${media} />`}
            </div>
          </div>`
    }
  <//>`;
}
