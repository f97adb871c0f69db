import { Alert, ErrorAlert, LoadingNote, SkeletonBlock } from '../components/feedback.js';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../components/form.js';
import { Page } from '../components/page.js';
import { PostPreview } from '../components/post-preview.js';
import { api } from '../lib/api.js';
import { fieldError, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { pickText, t } from '../lib/i18n.js';
import { notify } from '../lib/notice.js';
import { NETWORK_NAMES, NETWORKS, loadAll, loadComposerChoices, postBody } from '../lib/posts.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution } from '../lib/session.js';
import { toLocalInput } from '../lib/format.js';
import { useEffect, useState } from 'preact/hooks';

/** How long typing must pause before the preview is asked for again. */
const PREVIEW_DELAY_MS = 500;

function initialValues(post) {
  return {
    title: post?.title ?? '',
    productId: post?.productId ?? '',
    mediaAssetIds: post?.photos.map((p) => p.mediaAssetId) ?? [],
    imageTemplateId: post?.imageTemplateId ?? '',
    captionTemplateId: post?.captionTemplateId ?? '',
    hashtagGroupId: post?.hashtagGroupId ?? '',
    socialAccountIds: post?.targets.map((target) => target.socialAccountId) ?? [],
    // A caption the user typed; a network without one shows the template's text.
    captions: Object.fromEntries((post?.variants ?? []).map((v) => [v.network, v.caption])),
    plannedAt: toLocalInput(post?.plannedAt, currentInstitution()?.timeZone),
    tagline: post?.variables.tagline ?? '',
    cta: post?.variables.cta ?? '',
  };
}

/** Asks the server for the preview of unsaved content, once typing pauses. */
function useLivePreview(values) {
  const [state, setState] = useState({ preview: null, error: null, loading: false });
  const body = JSON.stringify(postBody(values));
  useEffect(() => {
    if (values.socialAccountIds.length === 0) {
      setState({ preview: null, error: null, loading: false });
      return undefined;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api.post('/api/posts/preview', JSON.parse(body)).then(
        (preview) => live && setState({ preview, error: null, loading: false }),
        (error) => live && setState((s) => ({ ...s, error, loading: false })),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [body]);
  return state;
}

function PhotoPicker({ productId, value, onChange }) {
  const photos = useResource(
    () => (productId ? loadAll('/api/media', { productId }) : Promise.resolve([])),
    [productId],
  );
  if (!productId) return html`<p class="hint">${t('composer.photosPickProduct')}</p>`;
  if (!photos.data) return html`<${SkeletonBlock} height="6rem" />`;
  if (photos.data.length === 0) {
    return html`<p class="hint">
      ${t('composer.noPhotos')} <a href=${href('/media')}>${t('composer.toMedia')}</a>
    </p>`;
  }
  const toggle = (id) =>
    onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return html`<fieldset class="field photo-picker">
    <legend>${t('composer.photos')}</legend>
    <ul class="photo-choices">
      ${photos.data.map(
        (photo) =>
          html`<li key=${photo.id}>
            <input
              type="checkbox"
              id=${`photo-${photo.id}`}
              checked=${value.includes(photo.id)}
              onChange=${() => toggle(photo.id)}
            />
            <label for=${`photo-${photo.id}`}>
              <img src=${photo.thumbnailUrl} alt="" width="96" height="96" />
              <span>${photo.originalFilename}</span>
              ${!photo.usable && html`<span class="photo-blocked">${t('composer.photoNotCleared')}</span>`}
            </label>
          </li>`,
      )}
    </ul>
  </fieldset>`;
}

function options(items, label, emptyLabel) {
  return [
    { value: '', label: emptyLabel },
    ...items.map((i) => ({ value: i.id, label: label(i) })),
  ];
}

function ComposerForm({ post, choices }) {
  const [values, setValues] = useState(initialValues(post));
  const set = (name, value) => setValues((v) => ({ ...v, [name]: value }));
  const live = useLivePreview(values);
  const networks = NETWORKS.filter((n) =>
    choices.accounts.some((a) => a.network === n && values.socialAccountIds.includes(a.id)),
  );
  const variantOf = (network) => live.preview?.variants.find((v) => v.network === network);

  const save = async () => {
    const body = postBody(values);
    if (post) return api.patch(`/api/posts/${post.id}`, { ...body, version: post.version });
    return api.post('/api/posts', body);
  };
  const draft = useSubmit(async () => {
    const saved = await save();
    notify(t('composer.saved'), `/konten/${saved.id}`);
    navigate(`/konten/${saved.id}`);
  });
  const submit = useSubmit(async () => {
    const saved = await save();
    await api.post(`/api/posts/${saved.id}/submit`);
    notify(t('composer.submitted'), `/konten/${saved.id}`);
    navigate(`/konten/${saved.id}`);
  });
  const error = draft.error ?? submit.error;
  const busy = draft.busy || submit.busy;

  return html`<div class="composer">
    <form class="form composer-form" onSubmit=${(e) => draft.submit(e)} novalidate>
      <${ErrorAlert} error=${error} />
      <${SelectField}
        label=${t('composer.product')}
        value=${values.productId}
        onChange=${(e) => setValues((v) => ({ ...v, productId: e.currentTarget.value, mediaAssetIds: [] }))}
        error=${fieldError(error, 'productId')}
        options=${options(choices.products, (p) => p.name, t('composer.noProduct'))}
      />
      <${PhotoPicker}
        productId=${values.productId}
        value=${values.mediaAssetIds}
        onChange=${(ids) => set('mediaAssetIds', ids)}
      />
      <${SelectField}
        label=${t('composer.imageTemplate')}
        value=${values.imageTemplateId}
        onChange=${(e) => set('imageTemplateId', e.currentTarget.value)}
        error=${fieldError(error, 'imageTemplateId')}
        options=${options(choices.imageTemplates, (x) => x.name, t('composer.noTemplate'))}
      />
      <${SelectField}
        label=${t('composer.captionTemplate')}
        value=${values.captionTemplateId}
        onChange=${(e) => setValues((v) => ({ ...v, captionTemplateId: e.currentTarget.value, captions: {} }))}
        options=${options(choices.captionTemplates, (x) => x.name, t('composer.noTemplate'))}
      />
      <${SelectField}
        label=${t('composer.hashtags')}
        value=${values.hashtagGroupId}
        onChange=${(e) => setValues((v) => ({ ...v, hashtagGroupId: e.currentTarget.value, captions: {} }))}
        options=${options(
          choices.hashtagGroups,
          (x) => `${x.name} (${x.tags.map((tag) => `#${tag}`).join(' ')})`,
          t('composer.noHashtags'),
        )}
      />
      ${
        choices.accounts.length === 0
          ? html`<${Alert} kind="warning" title=${t('composer.noAccounts')}>
              <p>${t('composer.noAccountsHint')}</p>
            <//>`
          : html`<${ChoiceGroup}
              legend=${t('composer.accounts')}
              hint=${t('composer.accountsHint')}
              error=${fieldError(error, 'socialAccountIds')}
              options=${choices.accounts.map((a) => ({
                value: a.id,
                label: `${a.displayName} · ${NETWORK_NAMES[a.network]}${a.kind === 'sandbox' ? ` (${t('account.sandbox')})` : ''}`,
              }))}
              value=${values.socialAccountIds}
              onChange=${(ids) => set('socialAccountIds', ids)}
            />`
      }
      <${TextField}
        label=${t('composer.title')}
        hint=${t('composer.titleHint')}
        value=${values.title}
        onInput=${(e) => set('title', e.currentTarget.value)}
        maxLength="200"
      />
      <${TextField}
        label=${t('composer.plannedAt')}
        hint=${t('composer.plannedAtHint')}
        type="datetime-local"
        value=${values.plannedAt}
        error=${fieldError(error, 'plannedAt')}
        onInput=${(e) => set('plannedAt', e.currentTarget.value)}
      />
      <${TextField}
        label=${t('composer.tagline')}
        value=${values.tagline}
        onInput=${(e) => set('tagline', e.currentTarget.value)}
        maxLength="120"
      />
      <${TextField}
        label=${t('composer.cta')}
        value=${values.cta}
        onInput=${(e) => set('cta', e.currentTarget.value)}
        maxLength="60"
      />
      ${networks.map(
        (network) =>
          html`<div class="caption-field" key=${network}>
            <${TextArea}
              label=${t('composer.caption', { network: NETWORK_NAMES[network] })}
              rows="6"
              value=${values.captions[network] ?? variantOf(network)?.caption ?? ''}
              error=${fieldError(error, `captions.${network}`)}
              onInput=${(e) => set('captions', { ...values.captions, [network]: e.currentTarget.value })}
            />
            ${
              values.captions[network] !== undefined &&
              html`<button
                type="button"
                class="btn btn-link"
                onClick=${() => {
                  const { [network]: _dropped, ...rest } = values.captions;
                  set('captions', rest);
                }}
              >
                ${t('composer.captionFromTemplate')}
              </button>`
            }
          </div>`,
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary" disabled=${busy}>
          ${draft.busy ? t('common.saving') : t('composer.saveDraft')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          disabled=${busy || (live.preview && !live.preview.canSubmit)}
          onClick=${(e) => submit.submit(e)}
        >
          ${submit.busy ? t('composer.submitting') : t('composer.submit')}
        </button>
      </div>
      ${
        live.preview &&
        !live.preview.canSubmit &&
        html`<p class="hint">${t('composer.cannotSubmit')}</p>`
      }
    </form>
    <section class="composer-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">${t('composer.preview')}</h2>
      <${LoadingNote} loading=${live.loading} />
      <${ErrorAlert} error=${live.error} />
      ${
        live.preview
          ? html`${
                live.preview.problems.some((p) => p.kind !== 'dignity' && p.kind !== 'caption') &&
                html`<${Alert} kind="warning" title=${t('composer.problems')}>
                  <ul>
                    ${live.preview.problems
                      .filter((p) => p.kind !== 'dignity' && p.kind !== 'caption')
                      .map((p, i) => html`<li key=${i}>${pickText(p.reason)}</li>`)}
                  </ul>
                <//>`
              } <${PostPreview} preview=${live.preview} />`
          : !live.error &&
            html`<div class="empty">
              <p class="empty-title">${t('composer.previewEmpty')}</p>
              <p class="empty-text">${t('composer.previewEmptyHint')}</p>
            </div>`
      }
    </section>
  </div>`;
}

/** New post ('/konten/baru') or editing one ('/konten/:id/ubah'). */
export function ComposerScreen({ params }) {
  const id = params.id;
  const data = useResource(async () => {
    const [choices, post] = await Promise.all([
      loadComposerChoices(),
      id ? api.get(`/api/posts/${id}`) : Promise.resolve(null),
    ]);
    return { choices, post };
  }, [id]);
  const title = id ? (data.data?.post?.title ?? t('composer.editTitle')) : t('composer.newTitle');
  return html`<${Page}
    title=${title}
    back=${{ href: href(id ? `/konten/${id}` : '/konten'), label: t('content.back') }}
  >
    <${ErrorAlert} error=${data.error} />
    ${
      data.data
        ? html`<${ComposerForm} post=${data.data.post} choices=${data.data.choices} />`
        : !data.error && html`<${SkeletonBlock} height="30rem" />`
    }
  <//>`;
}
