import { api } from './api.js';
import { fromLocalInput } from './format.js';
import { currentInstitution } from './session.js';

export const NETWORKS = ['instagram', 'facebook', 'x'];
export const NETWORK_NAMES = { instagram: 'Instagram', facebook: 'Facebook', x: 'X' };

/** Statuses in which the author may still change a post (the server's `edit` event). */
export const canEdit = (post) => post.allowedEvents.includes('edit');

/** Every page of a list endpoint, for the pickers (a few hundred rows at most). */
export async function loadAll(path, query = {}) {
  const items = [];
  for (let page = 1; page <= 20; page += 1) {
    const result = await api.get(path, { ...query, page, pageSize: 100 });
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) break;
  }
  return items;
}

/** What the composer offers: products, photos, templates, hashtag groups and accounts. */
export async function loadComposerChoices() {
  const [products, imageTemplates, captionTemplates, hashtagGroups, accounts] = await Promise.all([
    loadAll('/api/products', { status: 'active' }),
    loadAll('/api/image-templates'),
    loadAll('/api/caption-templates'),
    loadAll('/api/hashtag-groups'),
    loadAll('/api/social-accounts'),
  ]);
  return { products, imageTemplates, captionTemplates, hashtagGroups, accounts };
}

/** The create/update body of a composer form's values (empty choices become null). */
export function postBody(values) {
  const captions = Object.fromEntries(
    Object.entries(values.captions).filter(([, text]) => typeof text === 'string'),
  );
  const variables = {};
  if (values.tagline.trim()) variables.tagline = values.tagline.trim();
  if (values.cta.trim()) variables.cta = values.cta.trim();
  return {
    title: values.title.trim() || undefined,
    productId: values.productId || null,
    mediaAssetIds: values.mediaAssetIds,
    imageTemplateId: values.imageTemplateId || null,
    captionTemplateId: values.captionTemplateId || null,
    hashtagGroupId: values.hashtagGroupId || null,
    captions,
    variables,
    socialAccountIds: values.socialAccountIds,
    plannedAt: fromLocalInput(values.plannedAt, currentInstitution()?.timeZone),
  };
}

/**
 * Rendered images carry the public base URL (the platforms fetch them from there); the UI
 * is served by the same app, so it asks its own origin for the same path.
 */
export function ownOrigin(url) {
  try {
    const parsed = new URL(url, window.location.origin);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
