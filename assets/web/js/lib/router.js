import { createStore, useStore } from './store.js';

export const DEFAULT_PATH = '/katalog';

function parse(hash) {
  const raw = hash.replace(/^#/, '') || DEFAULT_PATH;
  const [pathPart, queryPart = ''] = raw.split('?');
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  return { path, query: Object.fromEntries(new URLSearchParams(queryPart)) };
}

export const routeStore = createStore(parse(window.location.hash));
window.addEventListener('hashchange', () => routeStore.set(parse(window.location.hash)));

export const useRoute = () => useStore(routeStore);

/** Routes live in the hash (#/katalog?q=batik), so the server serves one page. */
export function href(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path, query) {
  window.location.hash = href(path, query);
}

/** Params of `pattern` ('/katalog/produk/:id') when `path` matches it, else null. */
export function matchPath(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}
