import { Shell } from './components/shell.js';
import { html } from './lib/html.js';
import { t, useLang } from './lib/i18n.js';
import { matchPath, useRoute } from './lib/router.js';
import { can, useSession } from './lib/session.js';
import { ROUTES } from './routes.js';
import { MustChangePasswordScreen } from './screens/account.js';
import { ForbiddenScreen, NotFoundScreen } from './screens/coming-soon.js';
import { LoginScreen } from './screens/login.js';

function resolve(route) {
  for (const entry of ROUTES) {
    const params = matchPath(entry.pattern, route.path);
    if (params) return { entry, params };
  }
  return null;
}

function Screen({ route }) {
  const found = resolve(route);
  if (!found) return html`<${NotFoundScreen} />`;
  const { entry, params } = found;
  if (entry.permission && !can(entry.permission)) return html`<${ForbiddenScreen} />`;
  return html`<${entry.screen} route=${route} params=${params} ...${entry.props ?? {}} />`;
}

export function App() {
  // Reading the language here re-renders every screen when it changes.
  useLang();
  const session = useSession();
  const route = useRoute();
  if (session.status === 'loading') {
    return html`<div class="boot" role="status">${t('common.loading')}</div>`;
  }
  if (session.status === 'anonymous') {
    return html`<${LoginScreen} expired=${session.expired} startupError=${session.startupError} />`;
  }
  return html`<${Shell} session=${session} route=${route}>
    ${
      session.me.user.mustChangePassword
        ? html`<${MustChangePasswordScreen} />`
        : html`<${Screen} key=${`${session.selectedId ?? ''}${route.path}`} route=${route} />`
    }
  <//>`;
}
