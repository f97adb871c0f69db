import { Badge } from '../components/feedback.js';
import { Tabs } from '../components/page.js';
import { html } from '../lib/html.js';
import { pickText, t } from '../lib/i18n.js';
import { href } from '../lib/router.js';

export function MediaTabs({ current }) {
  const item = (path, key, name) => ({
    href: href(path),
    label: t(key),
    current: current === name,
  });
  return html`<${Tabs}
    label=${t('media.tabs')}
    items=${[
      item('/media', 'media.library', 'library'),
      item('/media/persetujuan', 'consent.register', 'consents'),
      item('/media/penurunan', 'takedown.tasks', 'takedowns'),
    ]}
  />`;
}

/** Usable or blocked, with the server's reason in the user's language. */
export function ClearanceBadge({ media, withReason = true }) {
  if (media.usable) {
    return html`<span class="clearance">
      <${Badge} kind="success">${t('media.usable')}<//>
    </span>`;
  }
  return html`<span class="clearance">
    <${Badge} kind="danger">${t('media.blocked')}<//>
    ${
      withReason &&
      media.blockedMessage &&
      html`<span class="clearance-reason">${pickText(media.blockedMessage)}</span>`
    }
  </span>`;
}
