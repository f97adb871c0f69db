import { useEffect, useState } from 'preact/hooks';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { can, currentInstitution, isNational } from '../lib/session.js';
import { AccountBar } from './account.js';
import { NotificationBell } from './notification-bell.js';

/** Main navigation; items a role lacks the permission for are left out. */
export const NAV_ITEMS = [
  { path: '/katalog', label: 'nav.catalogue', permission: 'read' },
  { path: '/media', label: 'nav.media', permission: 'read' },
  { path: '/konten', label: 'nav.content', permission: 'read' },
  { path: '/kalender', label: 'nav.calendar', permission: 'read' },
  { path: '/publikasi', label: 'nav.publishing', permission: 'read' },
  { path: '/dasbor', label: 'nav.dashboard', permission: 'reports.read' },
  { path: '/pengguna', label: 'nav.users', permission: 'users.manage' },
  { path: '/audit', label: 'nav.audit', permission: 'audit.read' },
];

function institutionTitle(session) {
  const institution = currentInstitution(session);
  if (institution) return institution.name;
  return isNational(session.me) ? t('shell.national') : '';
}

function skipToMain(event) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function Shell({ session, route, children }) {
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route.path]);
  const section = `/${route.path.split('/')[1] ?? ''}`;
  const items = NAV_ITEMS.filter((item) => !item.permission || can(item.permission));
  return html`<div class="shell">
    <a class="skip-link" href="#main" onClick=${skipToMain}>${t('shell.skip')}</a>
    <header class="site-header">
      <div class="bar">
        <a class="brand" href=${href('/katalog')}>
          <span class="brand-mark" aria-hidden="true">K</span>
          <span class="brand-text">
            <span class="brand-name">Karya</span>
            <span class="brand-institution">${institutionTitle(session)}</span>
          </span>
        </a>
        ${currentInstitution(session) && html`<${NotificationBell} path=${route.path} />`}
        <button
          type="button"
          class="btn btn-ghost menu-toggle"
          aria-expanded=${menuOpen}
          aria-controls="main-menu"
          onClick=${() => setMenuOpen(!menuOpen)}
        >
          ${t('shell.menu')}
        </button>
      </div>
      <div id="main-menu" class="menu" data-open=${menuOpen ? 'true' : 'false'}>
        <${AccountBar} session=${session} />
        <nav class="mainnav" aria-label=${t('shell.mainNav')}>
          <ul>
            ${items.map(
              (item) =>
                html`<li key=${item.path}>
                  <a
                    href=${href(item.path)}
                    aria-current=${section === item.path ? 'page' : undefined}
                  >
                    ${t(item.label)}
                  </a>
                </li>`,
            )}
          </ul>
        </nav>
      </div>
    </header>
    <main id="main" tabindex="-1">${children}</main>
    <footer class="site-footer">
      <p>${t('shell.footer')}</p>
    </footer>
  </div>`;
}
