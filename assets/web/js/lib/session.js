import { api, onSessionLost, setApiInstitution } from './api.js';
import { applyBrand } from './brand.js';
import { DEFAULT_PATH, navigate } from './router.js';
import { createStore, saved, useStore } from './store.js';

const INSTITUTION_KEY = 'karya.institution';
const NATIONAL_ROLES = ['national_admin', 'national_manager'];

/**
 * status: 'loading' | 'anonymous' | 'ready'. For national roles `institutions` lists every
 * institution and `selectedId` the one they act on (null = all, read-only overview).
 */
export const sessionStore = createStore({ status: 'loading', me: null, institutions: [] });
export const useSession = () => useStore(sessionStore);

export const isNational = (me) => NATIONAL_ROLES.includes(me?.user.role);

export function can(permission) {
  return sessionStore.get().me?.permissions.includes(permission) ?? false;
}

/** The institution new records go to: the user's own, or the national user's selection. */
export function currentInstitution(session = sessionStore.get()) {
  if (!session.me) return null;
  if (!isNational(session.me)) return session.me.institution;
  return session.institutions.find((i) => i.id === session.selectedId) ?? null;
}

async function allInstitutions() {
  const items = [];
  for (let page = 1; page <= 50; page += 1) {
    const result = await api.get('/api/institutions', { page, pageSize: 100 });
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) break;
  }
  return items.sort((a, b) => a.name.localeCompare(b.name, 'id'));
}

async function brandOf(me, selectedId) {
  const id = isNational(me) ? selectedId : me.institution?.id;
  if (!id) return null;
  try {
    return (await api.get(`/api/institutions/${id}`)).brandPrimary;
  } catch {
    return null;
  }
}

export async function loadSession() {
  let me;
  try {
    me = await api.get('/api/auth/me');
  } catch (error) {
    if (error.status === 401) {
      sessionStore.set({ status: 'anonymous', me: null, institutions: [] });
      return;
    }
    throw error;
  }
  let institutions = [];
  let selectedId = null;
  if (isNational(me)) {
    institutions = await allInstitutions();
    const stored = saved.get(INSTITUTION_KEY);
    selectedId = institutions.some((i) => i.id === stored) ? stored : null;
  }
  setApiInstitution(selectedId);
  applyBrand(await brandOf(me, selectedId));
  sessionStore.set({ status: 'ready', me, institutions, selectedId });
}

export async function login(email, password) {
  await api.post('/api/auth/login', { email, password });
  await loadSession();
}

/** The next person to log in on this browser starts at the catalogue, not at our last page. */
export async function logout() {
  try {
    await api.post('/api/auth/logout');
  } finally {
    setApiInstitution(null);
    applyBrand(null);
    navigate(DEFAULT_PATH);
    sessionStore.set({ status: 'anonymous', me: null, institutions: [] });
  }
}

export async function selectInstitution(id) {
  saved.set(INSTITUTION_KEY, id);
  setApiInstitution(id);
  const session = sessionStore.get();
  applyBrand(await brandOf(session.me, id));
  sessionStore.set({ ...session, selectedId: id });
}

onSessionLost(() => {
  if (sessionStore.get().status === 'ready') {
    setApiInstitution(null);
    sessionStore.set({ status: 'anonymous', me: null, institutions: [], expired: true });
  }
});
