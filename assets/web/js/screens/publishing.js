import { Alert, Badge, ErrorAlert, LoadingNote } from '../components/feedback.js';
import { Page, Pagination, Tabs } from '../components/page.js';
import { DataTable } from '../components/table.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { pickText, t, tEnum } from '../lib/i18n.js';
import { NETWORK_NAMES, loadAll, ownOrigin } from '../lib/posts.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution } from '../lib/session.js';

const PAGE_SIZE = 10;
const ACCOUNT_BADGE = { connected: 'success', needs_reauth: 'danger', disabled: 'neutral' };

function PublishingTabs({ current }) {
  return html`<${Tabs}
    label=${t('publishing.sections')}
    items=${[
      {
        href: href('/publikasi'),
        label: t('publishing.accounts'),
        current: current === 'accounts',
      },
      {
        href: href('/publikasi/sandbox'),
        label: t('sandbox.title'),
        current: current === 'sandbox',
      },
    ]}
  />`;
}

/** The institution's social accounts with their connection state. */
export function AccountsScreen() {
  const accounts = useResource(() => loadAll('/api/social-accounts'), []);
  return html`<${Page}
    title=${t('publishing.title')}
    tabs=${html`<${PublishingTabs} current="accounts" />`}
  >
    <p class="lead">${t('publishing.accountsIntro')}</p>
    <${ErrorAlert} error=${accounts.error} />
    <${DataTable}
      caption=${t('publishing.accounts')}
      columns=${[
        { label: t('publishing.account') },
        { label: t('publishing.network') },
        { label: t('publishing.kind') },
        { label: t('publishing.connection') },
      ]}
      items=${accounts.data}
      loading=${accounts.loading}
      row=${(a) =>
        html`<tr key=${a.id}>
          <th scope="row" data-label=${t('publishing.account')}>
            ${a.displayName}${a.handle && html`<span class="cell-sub">@${a.handle}</span>`}
          </th>
          <td data-label=${t('publishing.network')}>${NETWORK_NAMES[a.network]}</td>
          <td data-label=${t('publishing.kind')}>${tEnum('account.kind', a.kind)}</td>
          <td data-label=${t('publishing.connection')}>
            <${Badge} kind=${ACCOUNT_BADGE[a.status] ?? 'neutral'}
              >${tEnum('account.status', a.status)}<//
            >
          </td>
        </tr>`}
      empty=${{ title: t('publishing.noAccounts'), text: t('publishing.noAccountsHint') }}
    />
  <//>`;
}

/** What the sandbox accounts "published": never on a real network, and labelled so. */
export function SandboxFeedScreen({ route }) {
  const page = Number(route.query.page) || 1;
  const feed = useResource(
    () => api.get('/api/sandbox/feed', { page, pageSize: PAGE_SIZE }),
    [page],
  );
  const zone = currentInstitution()?.timeZone;
  const items = feed.data?.items;
  return html`<${Page}
    title=${t('sandbox.title')}
    tabs=${html`<${PublishingTabs} current="sandbox" />`}
  >
    <${Alert} kind="info" title=${t('sandbox.label')}><p>${t('sandbox.intro')}</p><//>
    <${ErrorAlert} error=${feed.error} />
    <${LoadingNote} loading=${feed.loading && feed.data} />
    ${
      items && items.length === 0
        ? html`<div class="empty">
            <p class="empty-title">${t('sandbox.empty')}</p>
            <p class="empty-text">${t('sandbox.emptyHint')}</p>
            <div class="empty-action">
              <a class="btn btn-secondary" href=${href('/kalender')}>${t('sandbox.toCalendar')}</a>
            </div>
          </div>`
        : html`<ol class="sandbox-feed">
            ${(items ?? [null, null]).map((post, i) =>
              post
                ? html`<li class="panel sandbox-post" key=${post.id}>
                    <p class="sandbox-head">
                      <${Badge} kind="warning">${pickText(post.label)}<//>
                      <strong>${NETWORK_NAMES[post.network]}</strong>
                      <span class="muted">${formatDateTime(post.publishedAt, zone)}</span>
                    </p>
                    ${post.imageUrls[0] && html`<img src=${ownOrigin(post.imageUrls[0])} alt=${t('sandbox.imageAlt')} width="1080" height="1080" />`}
                    <p class="caption-text">${post.caption}</p>
                  </li>`
                : html`<li
                    class="panel sandbox-post skeleton skeleton-block"
                    key=${`s${i}`}
                    aria-hidden="true"
                  />`,
            )}
          </ol>`
    }
    ${
      feed.data &&
      html`<${Pagination}
        page=${page}
        pageSize=${PAGE_SIZE}
        total=${feed.data.total}
        onPage=${(p) => navigate('/publikasi/sandbox', { page: p })}
      />`
    }
  <//>`;
}
