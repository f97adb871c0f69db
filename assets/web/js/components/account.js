import { html } from '../lib/html.js';
import { langStore, setLang, t, tEnum } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { isNational, logout, selectInstitution } from '../lib/session.js';

/** Switches between Bahasa Indonesia and English; the button names the other language. */
export function LanguageSwitch() {
  const other = langStore.get() === 'id' ? 'en' : 'id';
  return html`<button
    type="button"
    class="btn btn-ghost lang-switch"
    lang=${other}
    onClick=${() => setLang(other)}
  >
    ${other === 'en' ? 'English' : 'Bahasa Indonesia'}
  </button>`;
}

/** National roles pick the institution they act on; "all" is a read-only overview. */
export function InstitutionSwitcher({ session }) {
  const change = (event) => void selectInstitution(event.currentTarget.value || null);
  return html`<div class="switcher">
    <label for="institution-switcher">${t('shell.institution')}</label>
    <select id="institution-switcher" value=${session.selectedId ?? ''} onChange=${change}>
      <option value="">${t('shell.allInstitutions')}</option>
      ${session.institutions.map((i) => html`<option key=${i.id} value=${i.id}>${i.name}</option>`)}
    </select>
  </div>`;
}

export function AccountBar({ session }) {
  const { user } = session.me;
  return html`<div class="account">
    ${isNational(session.me) && html`<${InstitutionSwitcher} session=${session} />`}
    <a class="account-user" href=${href('/akun')}>
      <span class="account-name">${user.displayName}</span>
      <span class="account-role">${tEnum('role', user.role)}</span>
    </a>
    <${LanguageSwitch} />
    <button type="button" class="btn btn-ghost" onClick=${() => void logout()}>
      ${t('shell.logout')}
    </button>
  </div>`;
}
