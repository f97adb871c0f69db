import { useEffect, useRef } from 'preact/hooks';
import { LanguageSwitch } from '../components/account.js';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { SubmitButton, TextField } from '../components/form.js';
import { useForm, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { login } from '../lib/session.js';

export function LoginScreen({ expired, startupError }) {
  const form = useForm({ email: '', password: '' });
  const heading = useRef(null);
  const { submit, busy, error } = useSubmit(async () => {
    const { email, password } = form.values;
    if (!email.trim() || !password) throw new Error(t('login.missing'));
    await login(email, password);
  });
  useEffect(() => {
    document.title = `${t('login.title')} · Karya`;
    heading.current?.focus({ preventScroll: true });
  }, []);
  return html`<div class="login">
    <header class="login-top">
      <span class="brand-mark" aria-hidden="true">K</span>
      <${LanguageSwitch} />
    </header>
    <main class="login-main" id="main">
      <div class="login-card">
        <p class="login-product">Karya</p>
        <h1 tabindex="-1" ref=${heading}>${t('login.title')}</h1>
        <p class="login-intro">${t('login.intro')}</p>
        ${expired && !error && html`<${Alert} kind="info">${t('login.expired')}<//>`}
        <${ErrorAlert} error=${error ?? startupError} title=${t('login.failed')} />
        <form onSubmit=${submit} novalidate>
          <${TextField}
            label=${t('login.email')}
            type="email"
            autocomplete="username"
            required
            ...${form.bind('email')}
          />
          <${TextField}
            label=${t('login.password')}
            type="password"
            autocomplete="current-password"
            required
            ...${form.bind('password')}
          />
          <${SubmitButton} busy=${busy} label=${t('login.submit')} busyLabel=${t('login.busy')} />
        </form>
        <p class="login-help">${t('login.help')}</p>
      </div>
    </main>
  </div>`;
}
