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
import type { MetricsReading, PlatformResponse, PostMetrics } from './platform-adapter';

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

const CREDENTIAL_KEY = /token|secret|authorization|password/i;
// Graph paging links (`paging.next`/`previous`) repeat the request's query, access token included.
const CREDENTIAL_IN_URL = /[?&](access_token|oauth_token|client_secret)=/i;

/**
 * A deep copy of a platform's answer fit to store: keys that name credentials are dropped, and
 * so is any string carrying one in a query (paging URLs); every other field is kept as sent.
 */
export function withoutCredentials(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutCredentials).filter((v) => v !== undefined);
  if (typeof body === 'string') return CREDENTIAL_IN_URL.test(body) ? undefined : body;
  if (body && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>)
        .filter(([key]) => !CREDENTIAL_KEY.test(key))
        .map(([key, inner]) => [key, withoutCredentials(inner)])
        .filter(([, inner]) => inner !== undefined),
    );
  }
  return body;
}

/** Collects the answers behind one metrics reading, stripped of credentials as they arrive. */
export class MetricsResponses {
  private readonly responses: PlatformResponse[] = [];

  /** Keeps `body` for audit and hands it back unchanged. */
  keep<T>(request: string, body: T): T {
    this.responses.push({ request, body: withoutCredentials(body) });
    return body;
  }

  reading(metrics: PostMetrics): MetricsReading {
    return { metrics, responses: this.responses };
  }
}
