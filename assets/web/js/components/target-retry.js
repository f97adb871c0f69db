import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { can } from '../lib/session.js';
import { Alert, ErrorAlert } from './feedback.js';

/**
 * "Try publishing again" for a failed target of the publishing log: puts it back in the queue,
 * due now. The server refuses (409) when the account must be reconnected or publishing is
 * paused; its reason is shown as it is, in the user's language. `onRetried` reloads the post.
 */
export function TargetRetry({ postId, target, onRetried }) {
  const [queued, setQueued] = useState(false);
  const retry = useSubmit(async () => {
    await api.post(`/api/posts/${postId}/targets/${target.id}/retry`);
    setQueued(true);
    onRetried?.();
  });
  if (!can('calendar.write')) return null;
  if (queued) return html`<${Alert} kind="success">${t('retry.done')}<//>`;
  if (target.status !== 'failed') return null;
  return html`<div class="target-retry">
    <button
      type="button"
      class="btn btn-secondary"
      disabled=${retry.busy}
      aria-busy=${retry.busy ? 'true' : undefined}
      onClick=${retry.submit}
    >
      ${retry.busy ? t('retry.busy') : t('retry.button')}
    </button>
    <${ErrorAlert}
      error=${retry.error}
      title=${retry.error?.status === 409 ? t('retry.refused') : undefined}
    />
  </div>`;
}
