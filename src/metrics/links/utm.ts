import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

/** The partner label of the catalogue's own buttons. */
export const CATALOGUE_PARTNER = 'katalog';

export interface UtmTags {
  source: string;
  medium: 'social' | 'referral';
  campaign: string;
  content?: string;
}

/** "2026-11": the campaign of a post is the month it goes out, in the institution's zone. */
export function campaignMonth(at: Date, timeZone: string): string {
  return format(at, 'yyyy-MM', { in: tz(timeZone) });
}

/** "Kompas.com" → "kompas-com": a partner label as a utm_source value. */
export function partnerSource(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'partner' : slug;
}

/** Tags of a post target's link: source = network, medium = social, content = the post. */
export function postUtm(network: string, postId: string, month: string): UtmTags {
  return { source: network, medium: 'social', campaign: month, content: postId };
}

/** Tags of a partner's (or the catalogue's) link. */
export function partnerUtm(partner: string, month: string): UtmTags {
  return { source: partnerSource(partner), medium: 'referral', campaign: month };
}

/**
 * The marketplace URL with our UTM tags. Tags already on the URL are replaced, not repeated:
 * a shop link copied from an earlier campaign must not report under that campaign.
 */
export function withUtm(marketplaceUrl: string, tags: UtmTags): string {
  const url = new URL(marketplaceUrl);
  for (const key of [...url.searchParams.keys()]) {
    if (key.toLowerCase().startsWith('utm_')) url.searchParams.delete(key);
  }
  url.searchParams.set('utm_source', tags.source);
  url.searchParams.set('utm_medium', tags.medium);
  url.searchParams.set('utm_campaign', tags.campaign);
  if (tags.content) url.searchParams.set('utm_content', tags.content);
  return url.href;
}
