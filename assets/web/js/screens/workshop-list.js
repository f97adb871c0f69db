import { Alert, Badge } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { ListTable, nothingYet } from '../components/table.js';
import { useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { href } from '../lib/router.js';
import { can } from '../lib/session.js';
import { CatalogueTabs, loadWorkshops } from './catalogue-tabs.js';

function WorkshopRow({ workshop }) {
  return html`<tr>
    <th scope="row" data-label=${t('workshop.name')}>
      <a href=${href(`/katalog/bengkel/${workshop.id}`)}>${workshop.name}</a>
    </th>
    <td data-label=${t('workshop.description')}>${workshop.description || '—'}</td>
    <td data-label=${t('workshop.status')}>
      <${Badge} kind=${workshop.isActive ? 'success' : 'neutral'}>
        ${workshop.isActive ? t('workshop.active') : t('workshop.inactive')}
      <//>
    </td>
  </tr>`;
}

export function WorkshopListScreen() {
  const workshops = useResource(() => loadWorkshops(), []);
  const notice = useNotice();
  const addButton =
    can('catalogue.write') &&
    html`<a class="btn btn-primary" href=${href('/katalog/bengkel/baru')}>${t('workshop.add')}</a>`;
  return html`<${Page}
    title=${t('catalogue.title')}
    actions=${addButton}
    tabs=${html`<${CatalogueTabs} current="workshops" />`}
  >
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <${ListTable}
      resource=${workshops}
      items=${workshops.data}
      caption=${t('catalogue.workshops')}
      columns=${[
        { label: t('workshop.name') },
        { label: t('workshop.description') },
        { label: t('workshop.status') },
      ]}
      row=${(w) => html`<${WorkshopRow} key=${w.id} workshop=${w} />`}
      empty=${nothingYet(t('workshop.empty'), t('workshop.emptyHint'), addButton)}
    />
  <//>`;
}
