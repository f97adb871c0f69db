import { Page } from '../components/page.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href } from '../lib/router.js';

export function NotFoundScreen() {
  return html`<${Page} title=${t('notFound.title')}>
    <p>${t('notFound.text')}</p>
    <p><a class="btn btn-secondary" href=${href('/katalog')}>${t('soon.toCatalogue')}</a></p>
  <//>`;
}

export function ForbiddenScreen() {
  return html`<${Page} title=${t('forbidden.title')}>
    <p>${t('forbidden.text')}</p>
    <p><a class="btn btn-secondary" href=${href('/katalog')}>${t('soon.toCatalogue')}</a></p>
  <//>`;
}
