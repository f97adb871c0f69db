import { routeStore } from './router.js';
import { createStore, useStore } from './store.js';

/**
 * A confirmation shown on the screen a form returns to ("Produk disimpan"); it goes away
 * when the user moves to another screen.
 */
export const noticeStore = createStore(null);

export function notify(text, path) {
  noticeStore.set({ text, path });
}

routeStore.subscribe((route) => {
  const notice = noticeStore.get();
  if (notice && notice.path !== route.path) noticeStore.set(null);
});

export function useNotice() {
  const notice = useStore(noticeStore);
  return notice?.text ?? null;
}
