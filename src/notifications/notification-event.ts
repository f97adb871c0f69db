import type { LocalizedText } from '../common/app-error';
import type { NotificationKind } from './notification.entity';

/** What a caller reports; `notify` stores it and queues the webhook call. */
export interface NotificationEvent {
  institutionId: string;
  kind: NotificationKind;
  title: LocalizedText;
  body: LocalizedText;
  postId?: string | null;
  postTargetId?: string | null;
  socialAccountId?: string | null;
  /** Extra fields for the webhook payload (e.g. reason, lateness, permalink). */
  data?: Record<string, unknown>;
}

/** Where the web UI shows a post; notifications and webhooks link there. */
export function postLink(postId: string): string {
  return `/#/konten/${postId}`;
}
