import { useState } from 'preact/hooks';
import {
  Alert,
  Badge,
  EmptyState,
  ErrorAlert,
  LoadingNote,
  SkeletonBlock,
} from '../components/feedback.js';
import { Checkbox } from '../components/form.js';
import { Page, Pagination } from '../components/page.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { pickText, t } from '../lib/i18n.js';
import { refreshUnread } from '../lib/notifications.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution } from '../lib/session.js';

const PATH = '/notifikasi';
const PAGE_SIZE = 20;

function NotificationItem({ item, zone, onChanged }) {
  const mark = useSubmit(async () => {
    await api.post(`/api/notifications/${item.id}/read`);
    onChanged();
  });
  const unread = item.readAt === null;
  return html`<li class=${`notification${unread ? ' is-unread' : ''}`}>
    <div class="notification-head">
      <h2 class="notification-title">${pickText(item.title)}</h2>
      ${unread && html`<${Badge} kind="warning">${t('notifications.unread')}<//>`}
      <span class="muted">${formatDateTime(item.createdAt, zone)}</span>
    </div>
    <p class="notification-body">${pickText(item.body)}</p>
    <div class="notification-actions">
      ${
        item.postId &&
        html`<a href=${href(`/konten/${item.postId}`)}>${t('notifications.toPost')}</a>`
      }
      ${
        unread &&
        html`<button
          type="button"
          class="btn btn-link"
          disabled=${mark.busy}
          onClick=${mark.submit}
        >
          ${t('notifications.markRead')}
        </button>`
      }
    </div>
    <${ErrorAlert} error=${mark.error} />
  </li>`;
}

/** The institution's notifications, unread first; each links to its post. */
export function NotificationsScreen({ route }) {
  const page = Number(route.query.page) || 1;
  const onlyUnread = route.query.unread === 'true';
  const list = useResource(
    () =>
      api.get('/api/notifications', {
        page,
        pageSize: PAGE_SIZE,
        unread: onlyUnread ? 'true' : undefined,
      }),
    [page, onlyUnread],
  );
  const [marked, setMarked] = useState(null);
  const changed = () => {
    list.reload();
    void refreshUnread();
  };
  const markAll = useSubmit(async () => {
    setMarked((await api.post('/api/notifications/read-all')).marked);
    changed();
  });
  const zone = currentInstitution()?.timeZone;
  const items = list.data?.items;
  const hasUnread = items?.some((n) => n.readAt === null);
  return html`<${Page}
    title=${t('notifications.title')}
    actions=${html`<button
      type="button"
      class="btn btn-secondary"
      disabled=${markAll.busy || !hasUnread}
      onClick=${markAll.submit}
    >
      ${t('notifications.markAll')}
    </button>`}
  >
    <p class="lead">${t('notifications.intro')}</p>
    <${Checkbox}
      label=${t('notifications.onlyUnread')}
      checked=${onlyUnread}
      onChange=${(event) =>
        navigate(PATH, { unread: event.currentTarget.checked ? 'true' : undefined })}
    />
    <${ErrorAlert} error=${list.error ?? markAll.error} />
    ${marked !== null && html`<${Alert} kind="success">${t('notifications.allRead', { count: marked })}<//>`}
    <${LoadingNote} loading=${list.loading && list.data} />
    ${
      !items
        ? list.loading && html`<${SkeletonBlock} height="16rem" />`
        : items.length === 0
          ? html`<${EmptyState}
              title=${t('notifications.empty')}
              text=${t('notifications.emptyHint')}
            />`
          : html`<ul class="notifications" aria-label=${t('notifications.list')}>
              ${items.map(
                (item) =>
                  html`<${NotificationItem}
                    key=${item.id}
                    item=${item}
                    zone=${zone}
                    onChanged=${changed}
                  />`,
              )}
            </ul>`
    }
    ${
      list.data &&
      html`<${Pagination}
        page=${page}
        pageSize=${PAGE_SIZE}
        total=${list.data.total}
        onPage=${(p) => navigate(PATH, { ...route.query, page: p })}
      />`
    }
  <//>`;
}
