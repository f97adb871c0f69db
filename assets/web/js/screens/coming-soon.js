import { Page } from '../components/page.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href } from '../lib/router.js';

/** A feature a later release brings: says so plainly, with what it will do. */
export function ComingSoonScreen({ feature }) {
  return html`<${Page} title=${t(`soon.${feature}.title`)}>
    <section class="panel soon" aria-labelledby="soon-title">
      <p class="soon-label" id="soon-title">${t('common.soon')}</p>
      <p>${t(`soon.${feature}.text`)}</p>
      <p class="muted">${t('soon.meanwhile')}</p>
      <p><a class="btn btn-secondary" href=${href('/katalog')}>${t('soon.toCatalogue')}</a></p>
    </section>
  <//>`;
}

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
