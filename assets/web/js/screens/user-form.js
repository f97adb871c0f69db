import { useState } from 'preact/hooks';
import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { SelectField, SubmitButton, TextField } from '../components/form.js';
import { Details, Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { fieldError, useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { notify } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution, sessionStore } from '../lib/session.js';
import { assignableRoles } from './user-list.js';

const PATH = '/pengguna';
const MIN_PASSWORD = 10;

function roleOptions() {
  return assignableRoles().map((r) => ({ value: r, label: tEnum('role', r) }));
}
const LOCALE_OPTIONS = [
  { value: 'id', label: 'Bahasa Indonesia' },
  { value: 'en', label: 'English' },
];

function checkPassword(password, field) {
  if (password.length < MIN_PASSWORD) {
    throw new ApiError(400, { field, message: t('user.passwordShort', { min: MIN_PASSWORD }) });
  }
}

function NewUser() {
  const form = useForm({ email: '', displayName: '', role: 'staff', password: '', locale: 'id' });
  const { submit, busy, error } = useSubmit(async () => {
    checkPassword(form.values.password, 'password');
    const user = await api.post('/api/users', form.values);
    notify(t('user.created', { name: user.displayName }), PATH);
    navigate(PATH);
  });
  const national = form.values.role.startsWith('national_');
  const needsInstitution = !national && !currentInstitution();
  return html`<form class="form narrow" onSubmit=${submit} novalidate>
    <${ErrorAlert} error=${error} />
    ${needsInstitution && html`<${Alert} kind="warning">${t('common.chooseInstitution')}<//>`}
    <${TextField}
      label=${t('user.name')}
      required
      maxlength="120"
      error=${fieldError(error, 'displayName')}
      ...${form.bind('displayName')}
    />
    <${TextField}
      label=${t('user.email')}
      type="email"
      required
      autocomplete="off"
      error=${fieldError(error, 'email')}
      ...${form.bind('email')}
    />
    <${SelectField}
      label=${t('user.role')}
      required
      options=${roleOptions()}
      hint=${t(`role.hint.${form.values.role}`)}
      error=${fieldError(error, 'role')}
      ...${form.bind('role')}
    />
    <${SelectField} label=${t('user.locale')} options=${LOCALE_OPTIONS} ...${form.bind('locale')} />
    <${TextField}
      label=${t('user.initialPassword')}
      type="password"
      required
      autocomplete="new-password"
      hint=${t('user.passwordHint', { min: MIN_PASSWORD })}
      error=${fieldError(error, 'password')}
      ...${form.bind('password')}
    />
    <div class="form-actions">
      <${SubmitButton}
        busy=${busy}
        disabled=${needsInstitution}
        label=${t('user.create')}
        busyLabel=${t('common.saving')}
      />
      <a class="btn btn-secondary" href=${href(PATH)}>${t('common.cancel')}</a>
    </div>
  </form>`;
}

function EditUser({ user, onChanged }) {
  const form = useForm({ displayName: user.displayName, role: user.role, locale: user.locale });
  const save = useSubmit(async () => {
    onChanged(await api.patch(`/api/users/${user.id}`, form.values), t('user.saved'));
  });
  const self = sessionStore.get().me.user.id === user.id;
  const toggle = useSubmit(async () => {
    const updated = await api.patch(`/api/users/${user.id}`, { isActive: !user.isActive });
    onChanged(updated, updated.isActive ? t('user.activated') : t('user.deactivated'));
  });
  return html`<div class="panels">
    <section class="panel" aria-labelledby="user-profile">
      <h2 id="user-profile">${t('user.profile')}</h2>
      <form class="form" onSubmit=${save.submit} novalidate>
        <${ErrorAlert} error=${save.error} />
        <${TextField}
          label=${t('user.name')}
          required
          maxlength="120"
          error=${fieldError(save.error, 'displayName')}
          ...${form.bind('displayName')}
        />
        <${SelectField}
          label=${t('user.role')}
          options=${roleOptions()}
          hint=${t(`role.hint.${form.values.role}`)}
          error=${fieldError(save.error, 'role')}
          ...${form.bind('role')}
        />
        <${SelectField}
          label=${t('user.locale')}
          options=${LOCALE_OPTIONS}
          ...${form.bind('locale')}
        />
        <div class="form-actions">
          <${SubmitButton}
            busy=${save.busy}
            label=${t('common.save')}
            busyLabel=${t('common.saving')}
          />
        </div>
      </form>
    </section>
    <section class="panel" aria-labelledby="user-access">
      <h2 id="user-access">${t('user.access')}</h2>
      <p>${user.isActive ? t('user.deactivateHint') : t('user.activateHint')}</p>
      <${ErrorAlert} error=${toggle.error} />
      <button
        type="button"
        class=${user.isActive ? 'btn btn-danger' : 'btn btn-primary'}
        disabled=${toggle.busy || self}
        onClick=${toggle.submit}
      >
        ${user.isActive ? t('user.deactivate') : t('user.activate')}
      </button>
      ${self && html`<p class="hint">${t('user.notSelf')}</p>`}
      <${ResetPassword} user=${user} onDone=${(message) => onChanged(user, message)} />
    </section>
  </div>`;
}

function ResetPassword({ user, onDone }) {
  const form = useForm({ newPassword: '' });
  const { submit, busy, error } = useSubmit(async () => {
    checkPassword(form.values.newPassword, 'newPassword');
    await api.post(`/api/users/${user.id}/reset-password`, form.values);
    form.set('newPassword', '');
    onDone(t('user.passwordReset'));
  });
  return html`<form class="form subform" onSubmit=${submit} novalidate>
    <h3>${t('user.resetPassword')}</h3>
    <${ErrorAlert} error=${error} />
    <${TextField}
      label=${t('user.newPassword')}
      type="password"
      autocomplete="new-password"
      hint=${t('user.resetHint', { min: MIN_PASSWORD })}
      error=${fieldError(error, 'newPassword')}
      ...${form.bind('newPassword')}
    />
    <${SubmitButton}
      kind="secondary"
      busy=${busy}
      label=${t('user.resetPassword')}
      busyLabel=${t('common.saving')}
    />
  </form>`;
}

export function UserFormScreen({ params }) {
  const id = params.id;
  const user = useResource(async () => (id ? api.get(`/api/users/${id}`) : null), [id]);
  const [message, setMessage] = useState(null);
  const back = { href: href(PATH), label: t('user.title') };
  if (!id) return html`<${Page} title=${t('user.new')} back=${back}><${NewUser} /><//>`;
  const u = user.data;
  const changed = (_updated, text) => {
    setMessage(text);
    user.reload();
  };
  return html`<${Page} title=${u?.displayName ?? t('user.edit')} back=${back}>
    <${ErrorAlert} error=${user.error} />
    ${message && html`<${Alert} kind="success">${message}<//>`}
    ${
      !u
        ? !user.error && html`<${SkeletonBlock} height="24rem" />`
        : html`<${Details}
              items=${[
                [t('user.email'), u.email],
                [
                  t('user.lastLogin'),
                  u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('user.never'),
                ],
                u.mustChangePassword && [t('user.statusLabel'), t('user.mustChange')],
              ]}
            />
            <${EditUser} key=${u.updatedAt} user=${u} onChanged=${changed} />`
    }
  <//>`;
}
