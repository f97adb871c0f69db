import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { SubmitButton, TextField } from '../components/form.js';
import { Details, Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { fieldError, useForm, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { loadSession, useSession } from '../lib/session.js';

const MIN_PASSWORD = 10;

export function ChangePasswordForm({ onDone }) {
  const form = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const { submit, busy, error } = useSubmit(async () => {
    const { currentPassword, newPassword, confirm } = form.values;
    if (newPassword.length < MIN_PASSWORD) {
      throw new ApiError(400, {
        field: 'newPassword',
        message: t('user.passwordShort', { min: MIN_PASSWORD }),
      });
    }
    if (newPassword !== confirm) {
      throw new ApiError(400, { field: 'confirm', message: t('account.mismatch') });
    }
    await api.post('/api/auth/password', { currentPassword, newPassword });
    form.setValues({ currentPassword: '', newPassword: '', confirm: '' });
    onDone();
  });
  return html`<form class="form narrow" onSubmit=${submit} novalidate>
    <${ErrorAlert} error=${error} />
    <${TextField}
      label=${t('account.current')}
      type="password"
      autocomplete="current-password"
      required
      error=${fieldError(error, 'currentPassword')}
      ...${form.bind('currentPassword')}
    />
    <${TextField}
      label=${t('account.new')}
      type="password"
      autocomplete="new-password"
      required
      hint=${t('user.passwordHint', { min: MIN_PASSWORD })}
      error=${fieldError(error, 'newPassword')}
      ...${form.bind('newPassword')}
    />
    <${TextField}
      label=${t('account.confirm')}
      type="password"
      autocomplete="new-password"
      required
      error=${fieldError(error, 'confirm')}
      ...${form.bind('confirm')}
    />
    <div class="form-actions">
      <${SubmitButton} busy=${busy} label=${t('account.change')} busyLabel=${t('common.saving')} />
    </div>
  </form>`;
}

export function AccountScreen() {
  const session = useSession();
  const [changed, setChanged] = useState(false);
  const { user } = session.me;
  return html`<${Page} title=${t('account.title')}>
    <${Details}
      items=${[
        [t('user.name'), user.displayName],
        [t('user.email'), user.email],
        [t('user.role'), tEnum('role', user.role)],
      ]}
    />
    <section class="panel" aria-labelledby="password-title">
      <h2 id="password-title">${t('account.password')}</h2>
      ${changed && html`<${Alert} kind="success">${t('account.changed')}<//>`}
      <${ChangePasswordForm} onDone=${() => setChanged(true)} />
    </section>
  <//>`;
}

/** After an admin reset the user sets their own password before anything else. */
export function MustChangePasswordScreen() {
  return html`<${Page} title=${t('account.mustChangeTitle')}>
    <${Alert} kind="info"><p>${t('account.mustChangeText')}</p><//>
    <${ChangePasswordForm} onDone=${() => void loadSession()} />
  <//>`;
}
