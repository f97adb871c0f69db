import { api } from './api.js';
import { createStore } from './store.js';

/** The unread count the bell shows; the notifications screen refreshes it after marking. */
export const unreadStore = createStore(null);

export async function refreshUnread() {
  try {
    unreadStore.set((await api.get('/api/notifications/unread-count')).unread);
  } catch {
    // The bell is a hint: a failed count leaves the last one rather than an error in the header.
  }
}
