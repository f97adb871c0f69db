import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { Checkbox, SubmitButton, TextArea, TextField } from '../components/form.js';
import { Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { fieldError, useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { notify } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';

const LIST = '/katalog/bengkel';

function done(message) {
  notify(message, LIST);
  navigate(LIST);
}

function WorkshopFields({ workshop }) {
  const form = useForm({
    name: workshop?.name ?? '',
    description: workshop?.description ?? '',
    isActive: workshop?.isActive ?? true,
  });
  const writable = can('catalogue.write');
  const needsInstitution = !workshop && !currentInstitution();
  const { submit, busy, error } = useSubmit(async () => {
    if (!form.values.name.trim()) {
      throw new ApiError(400, { field: 'name', message: t('workshop.nameRequired') });
    }
    const saved = workshop
      ? await api.patch(`/api/workshops/${workshop.id}`, form.values)
      : await api.post('/api/workshops', form.values);
    done(t('workshop.saved', { name: saved.name }));
  });
  return html`<form class="form narrow" onSubmit=${submit} novalidate>
    <${ErrorAlert} error=${error} />
    ${needsInstitution && html`<${Alert} kind="warning">${t('common.chooseInstitution')}<//>`}
    <${TextField}
      label=${t('workshop.name')}
      required
      maxlength="100"
      error=${fieldError(error, 'name')}
      ...${form.bind('name')}
    />
    <${TextArea}
      label=${t('workshop.description')}
      maxlength="2000"
      error=${fieldError(error, 'description')}
      ...${form.bind('description')}
    />
    <${Checkbox}
      label=${t('workshop.isActive')}
      hint=${t('workshop.isActiveHint')}
      checked=${form.values.isActive}
      onChange=${(e) => form.set('isActive', e.currentTarget.checked)}
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
        <a class="btn btn-secondary" href=${href(LIST)}>${t('common.cancel')}</a>
      </div>`
    }
  </form>`;
}

/** Deleting works only for a workshop without products; the server says so otherwise. */
function DeleteWorkshop({ workshop }) {
  const { submit, busy, error } = useSubmit(async () => {
    await api.del(`/api/workshops/${workshop.id}`);
    done(t('workshop.deleted', { name: workshop.name }));
  });
  return html`<section class="panel" aria-labelledby="workshop-delete">
    <h2 id="workshop-delete">${t('workshop.deleteTitle')}</h2>
    <p>${t('workshop.deleteHint')}</p>
    <${ErrorAlert} error=${error} />
    <button type="button" class="btn btn-danger" disabled=${busy} onClick=${submit}>
      ${t('workshop.delete')}
    </button>
  </section>`;
}

export function WorkshopFormScreen({ params }) {
  const id = params.id;
  const data = useResource(async () => (id ? api.get(`/api/workshops/${id}`) : null), [id]);
  const title = id ? (data.data?.name ?? t('workshop.edit')) : t('workshop.new');
  return html`<${Page} title=${title} back=${{ href: href(LIST), label: t('catalogue.workshops') }}>
    <${ErrorAlert} error=${data.error} />
    ${
      data.loading && !data.data
        ? html`<${SkeletonBlock} height="20rem" />`
        : !data.error && html`<${WorkshopFields} key=${id ?? 'new'} workshop=${data.data} />`
    }
    ${data.data && can('catalogue.write') && html`<${DeleteWorkshop} workshop=${data.data} />`}
  <//>`;
}
