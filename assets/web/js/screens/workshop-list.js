import {
  Alert,
  Badge,
  EmptyState,
  ErrorAlert,
  LoadingNote,
  SkeletonRows,
} from '../components/feedback.js';
import { Page } from '../components/page.js';
import { useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { href } from '../lib/router.js';
import { can } from '../lib/session.js';
import { CatalogueTabs, loadWorkshops } from './catalogue-tabs.js';

export function WorkshopListScreen() {
  const workshops = useResource(() => loadWorkshops(), []);
  const notice = useNotice();
  const addButton =
    can('catalogue.write') &&
    html`<a class="btn btn-primary" href=${href('/katalog/bengkel/baru')}>${t('workshop.add')}</a>`;
  const items = workshops.data ?? [];
  return html`<${Page}
    title=${t('catalogue.title')}
    actions=${addButton}
    tabs=${html`<${CatalogueTabs} current="workshops" />`}
  >
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <${ErrorAlert} error=${workshops.error} />
    <${LoadingNote} loading=${workshops.loading && workshops.data} />
    ${
      workshops.data && items.length === 0
        ? html`<${EmptyState}
            title=${t('workshop.empty')}
            text=${addButton ? t('workshop.emptyHint') : t('common.emptyReadOnly')}
            action=${addButton}
          />`
        : html`<div class="table-wrap">
            <table class="table stack">
              <caption class="visually-hidden">
                ${t('catalogue.workshops')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('workshop.name')}</th>
                  <th scope="col">${t('workshop.description')}</th>
                  <th scope="col">${t('workshop.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${
                  workshops.data
                    ? items.map(
                        (w) =>
                          html`<tr key=${w.id}>
                            <th scope="row" data-label=${t('workshop.name')}>
                              <a href=${href(`/katalog/bengkel/${w.id}`)}>${w.name}</a>
                            </th>
                            <td data-label=${t('workshop.description')}>${w.description || '—'}</td>
                            <td data-label=${t('workshop.status')}>
                              <${Badge} kind=${w.isActive ? 'success' : 'neutral'}>
                                ${w.isActive ? t('workshop.active') : t('workshop.inactive')}
                              <//>
                            </td>
                          </tr>`,
                      )
                    : workshops.loading && html`<${SkeletonRows} columns=${3} rows=${6} />`
                }
              </tbody>
            </table>
          </div>`
    }
  <//>`;
}
