import { Tabs } from '../components/page.js';
import { api } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href } from '../lib/router.js';

export function CatalogueTabs({ current }) {
  return html`<${Tabs}
    label=${t('catalogue.tabs')}
    items=${[
      { href: href('/katalog'), label: t('catalogue.products'), current: current === 'products' },
      {
        href: href('/katalog/bengkel'),
        label: t('catalogue.workshops'),
        current: current === 'workshops',
      },
    ]}
  />`;
}

/** Every workshop of the institution (institutions have a dozen or so). */
export async function loadWorkshops(query = {}) {
  return (await api.get('/api/workshops', { pageSize: 100, ...query })).items;
}
