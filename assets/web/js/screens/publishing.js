import { useState } from 'preact/hooks';
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
import { can, currentInstitution } from '../lib/session.js';
import { DisconnectDialog, GraphConnectDialog, XConnectDialog } from './account-connect.js';

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

/** An admin's buttons for a live account: sign in again, or delete its credentials. */
function AccountActions({ account, onReconnect, onDisconnect }) {
  if (account.kind !== 'live') return html`<span class="muted">${t('accounts.noActions')}</span>`;
  return html`<div class="row-actions">
    <button
      type="button"
      class="btn btn-secondary btn-small"
      aria-label=${t('accounts.reconnectNamed', { name: account.displayName })}
      onClick=${() => onReconnect(account)}
    >
      ${t('accounts.reconnect')}
    </button>
    <button
      type="button"
      class="btn btn-danger btn-small"
      aria-label=${t('accounts.disconnectNamed', { name: account.displayName })}
      onClick=${() => onDisconnect(account)}
    >
      ${t('accounts.disconnect')}
    </button>
  </div>`;
}

/**
 * The institution's social accounts with their connection state; admins connect live accounts
 * by signing in to the platform, reconnect those that need it, and disconnect them.
 */
export function AccountsScreen() {
  const accounts = useResource(() => loadAll('/api/social-accounts'), []);
  const admin = can('accounts.manage');
  // connecting: { network, title } of the open sign-in dialog; leaving: the account to disconnect.
  const [connecting, setConnecting] = useState(null);
  const [leaving, setLeaving] = useState(null);
  const [message, setMessage] = useState(null);
  const done = (text) => {
    setConnecting(null);
    setLeaving(null);
    setMessage(text);
    accounts.reload();
  };
  const connected = (list) =>
    done(t('accounts.connected', { names: list.map((a) => a.displayName).join(', ') }));
  const columns = [
    { label: t('publishing.account') },
    { label: t('publishing.network') },
    { label: t('publishing.kind') },
    { label: t('publishing.connection') },
    ...(admin ? [{ label: t('accounts.actions') }] : []),
  ];
  return html`<${Page}
    title=${t('publishing.title')}
    tabs=${html`<${PublishingTabs} current="accounts" />`}
  >
    <p class="lead">${t('publishing.accountsIntro')}</p>
    <div aria-live="polite">${message && html`<${Alert} kind="success">${message}<//>`}</div>
    <${ErrorAlert} error=${accounts.error} />
    <${DataTable}
      caption=${t('publishing.accounts')}
      columns=${columns}
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
          ${
            admin &&
            html`<td data-label=${t('accounts.actions')}>
              <${AccountActions}
                account=${a}
                onReconnect=${(account) =>
                  setConnecting({
                    network: account.network,
                    title: t('accounts.reconnectNamed', { name: account.displayName }),
                  })}
                onDisconnect=${setLeaving}
              />
            </td>`
          }
        </tr>`}
      empty=${{ title: t('publishing.noAccounts'), text: t('publishing.noAccountsHint') }}
    />
    ${
      admin &&
      html`<section class="panel connect-panel" aria-labelledby="connect-title">
        <h2 id="connect-title">${t('accounts.connectTitle')}</h2>
        <p>${t('accounts.connectIntro')}</p>
        <div class="button-row">
          <button
            type="button"
            class="btn btn-primary"
            onClick=${() => setConnecting({ network: 'facebook', title: t('accounts.graphTitle') })}
          >
            ${t('accounts.connectGraph')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            onClick=${() => setConnecting({ network: 'x', title: t('accounts.xTitle') })}
          >
            ${t('accounts.connectX')}
          </button>
        </div>
      </section>`
    }
    <${GraphConnectDialog}
      open=${Boolean(connecting) && connecting.network !== 'x'}
      title=${connecting?.title ?? ''}
      onClose=${() => setConnecting(null)}
      onConnected=${connected}
    />
    <${XConnectDialog}
      open=${connecting?.network === 'x'}
      title=${connecting?.title ?? ''}
      onClose=${() => setConnecting(null)}
      onConnected=${connected}
    />
    <${DisconnectDialog}
      account=${leaving}
      onClose=${() => setLeaving(null)}
      onDone=${(account) => done(t('accounts.disconnected', { name: account.displayName }))}
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
