/**
 * The engagement figures each network reports, by the names the adapters return. A figure the
 * platform does not give (too early, too little reach, no access) is null, never 0.
 *
 * - Instagram media insights: `impressions` and `plays` are deprecated (errors for media after
 *   2024-07-02), so reach, likes, comments, saved, shares, total_interactions and views.
 * - Facebook Page posts: reactions, comments and shares from the post's fields; views from the
 *   post insight `post_total_media_view_unique` (the views-style replacement of
 *   post_impressions_unique since 2025-11-15; only Pages with 100+ likes have insights).
 * - X: public metrics, plus the non-public ones X gives the author for 30 days.
 */
import type { SocialNetwork } from '../content/rendering/template';
import type { PostMetrics } from './platform-adapter';

export const METRIC_NAMES: Readonly<Record<SocialNetwork, readonly string[]>> = {
  instagram: ['reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions', 'views'],
  facebook: ['reactions', 'comments', 'shares', 'views'],
  x: [
    'impression_count',
    'like_count',
    'retweet_count',
    'reply_count',
    'quote_count',
    'bookmark_count',
    'url_link_clicks',
    'user_profile_clicks',
  ],
};

/** Every metric of the network, unknown. */
export function emptyMetrics(network: SocialNetwork): PostMetrics {
  return Object.fromEntries(METRIC_NAMES[network].map((name) => [name, null]));
}

export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
