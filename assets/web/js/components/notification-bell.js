import { useEffect } from 'preact/hooks';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { refreshUnread, unreadStore } from '../lib/notifications.js';
import { href } from '../lib/router.js';
import { useStore } from '../lib/store.js';

/** How often the bell asks for the unread count while the page is open. */
const POLL_MS = 60_000;

/** A link to the notifications with the unread count; counted again on every screen change. */
export function NotificationBell({ path }) {
  const unread = useStore(unreadStore);
  useEffect(() => void refreshUnread(), [path]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshUnread();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const label = unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return html`<a
    class="bell"
    href=${href('/notifikasi')}
    aria-label=${label}
    aria-current=${path === '/notifikasi' ? 'page' : undefined}
  >
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
    ${unread > 0 && html`<span class="bell-count" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>`}
  </a>`;
}
