/**
 * Facebook Pages through the Graph API, with the Page access token.
 *
 * - One image: `POST /{page-id}/photos` with `url` and `caption` → `{id, post_id}`. The photos
 *   edge takes the text as `caption` ("the description of the photo"); `message` belongs to
 *   `/feed`. The post id (not the photo id) is kept: metrics, permalink and deletion use it.
 * - Several images: each as an unpublished photo (`published=false`, invisible), then one
 *   `POST /{page-id}/feed` with `message` and `attached_media`. Only that call (or the single
 *   photo call) makes the post visible, so only it can leave the outcome unknown.
 * - Images go by URL: the SDK's file upload sends an empty body.
 */
import { Page } from 'facebook-nodejs-business-sdk';
import type { Clock } from '../../common/clock';
import { findMatch, RECONCILE_SKEW_MS } from '../caption-match';
import {
  collectPages,
  compact,
  graphCredentials,
  GraphPage,
  graphRefresh,
  graphTime,
  isMissing,
  findPostById,
} from '../graph/graph-account';
import { GraphApi, GraphCaller, GraphOptions, requireId } from '../graph/graph-api';
import type { GraphFailure } from '../graph/graph-errors';
import {
  DeleteResult,
  MetricsReading,
  PlatformAccount,
  PlatformAdapter,
  PublishContent,
  PublishedPost,
  ReconcileQuery,
  ReconcileResult,
  RefreshResult,
} from '../platform-adapter';
import { emptyMetrics, MetricsResponses, numberOrNull } from '../platform-metrics';
import { rejectIfInvalid, validateForNetwork } from '../platform-validation';

/** The views-style post insight that replaced post_impressions_unique on 2025-11-15. */
export const FACEBOOK_VIEWS_METRIC = 'post_total_media_view_unique';

const ENGAGEMENT_FIELDS =
  'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';

interface PostRow {
  id: string;
  message?: string;
  permalink_url?: string;
  created_time?: string;
}

interface EngagementRow {
  reactions?: { summary?: { total_count?: unknown } };
  comments?: { summary?: { total_count?: unknown } };
  shares?: { count?: unknown };
}

export class FacebookAdapter implements PlatformAdapter {
  readonly network = 'facebook' as const;
  private readonly caller: GraphCaller;

  constructor(
    private readonly options: GraphOptions,
    private readonly clock: Clock,
  ) {
    this.caller = new GraphCaller('facebook', clock);
  }

  validate(content: PublishContent) {
    return validateForNetwork('facebook', content);
  }

  async publish(account: PlatformAccount, content: PublishContent): Promise<PublishedPost> {
    rejectIfInvalid('facebook', this.validate(content));
    const api = this.api(account);
    // The SDK records the constructor's id as a change and would post it as a parameter.
    const page = new Page(account.externalId, {}, undefined, api).clearHistory() as Page;
    let postId: string;
    if (content.images.length === 1) {
      const [image] = content.images;
      postId = await this.caller.run('commit', async () => {
        const photo = await page.createPhoto(
          [],
          compact({
            url: image.url,
            caption: content.caption,
            alt_text_custom: image.altText || undefined,
            published: true,
          }),
        );
        const data: Record<string, unknown> = photo.exportAllData();
        return requireId({ id: data.post_id });
      });
    } else {
      const photoIds: string[] = [];
      for (const image of content.images) {
        photoIds.push(
          await this.caller.run('prepare', async () =>
            requireId(
              await page.createPhoto(
                [],
                compact({
                  url: image.url,
                  published: false,
                  alt_text_custom: image.altText || undefined,
                }),
              ),
            ),
          ),
        );
      }
      postId = await this.caller.run('commit', async () =>
        requireId(
          await page.createFeed([], {
            message: content.caption,
            attached_media: photoIds.map((id) => ({ media_fbid: id })),
          }),
        ),
      );
    }
    return { platformPostId: postId, permalink: await this.permalink(api, postId) };
  }

  async reconcile(account: PlatformAccount, query: ReconcileQuery): Promise<ReconcileResult> {
    const api = this.api(account);
    if (query.platformPostId) {
      const found = await findPostById(this.caller, api, query.platformPostId, 'permalink_url');
      if (found) return found;
    }
    const from = query.since.getTime() - RECONCILE_SKEW_MS;
    const posts = await collectPages<PostRow>(
      (after) =>
        this.caller.run('read', () =>
          api.call<GraphPage<PostRow>>(
            'GET',
            [account.externalId, 'published_posts'],
            compact({
              fields: 'id,message,permalink_url,created_time',
              since: Math.floor(from / 1000),
              limit: 25,
              after,
            }),
          ),
        ),
      (items) => items.some((p) => graphTime(p.created_time).getTime() < from),
    );
    const match = findMatch(
      'facebook',
      posts.map((p) => ({ ...p, text: p.message, createdAt: graphTime(p.created_time) })),
      query.caption,
      query.since,
    );
    return match
      ? { status: 'found', platformPostId: match.id, permalink: match.permalink_url ?? null }
      : { status: 'not_found' };
  }

  async refreshCredentials(account: PlatformAccount): Promise<RefreshResult> {
    return graphRefresh('facebook', account, this.clock);
  }

  async fetchMetrics(account: PlatformAccount, postId: string): Promise<MetricsReading> {
    const api = this.api(account);
    const metrics = emptyMetrics('facebook');
    const responses = new MetricsResponses();
    const post = await this.caller.run('read', () =>
      api.call<EngagementRow>('GET', [postId], { fields: ENGAGEMENT_FIELDS }),
    );
    responses.keep(`GET ${postId}?fields=${ENGAGEMENT_FIELDS}`, post);
    metrics.reactions = numberOrNull(post.reactions?.summary?.total_count);
    metrics.comments = numberOrNull(post.comments?.summary?.total_count);
    // Graph leaves `shares` out of a post nobody shared: a known zero, not an unknown.
    metrics.shares = post.shares ? numberOrNull(post.shares.count) : 0;
    const views = await this.caller.attempt(() =>
      api.call<GraphPage<{ name: string; values?: Array<{ value?: unknown }> }>>(
        'GET',
        [postId, 'insights'],
        { metric: FACEBOOK_VIEWS_METRIC },
      ),
    );
    responses.keep(
      `GET ${postId}/insights?metric=${FACEBOOK_VIEWS_METRIC}`,
      'ok' in views ? views.ok : views.failure.body,
    );
    if ('ok' in views) {
      const row = views.ok.data?.find((r) => r.name === FACEBOOK_VIEWS_METRIC);
      metrics.views = numberOrNull(row?.values?.[0]?.value);
    } else if (!insightsUnavailable(views.failure)) {
      throw this.caller.classify(views.failure, 'read');
    }
    return responses.reading(metrics);
  }

  async deletePost(account: PlatformAccount, postId: string): Promise<DeleteResult> {
    const api = this.api(account);
    const deleted = await this.caller.attempt(() => api.call('DELETE', [postId]));
    if ('ok' in deleted) return 'deleted';
    if (isMissing(deleted.failure)) return 'already_gone';
    throw this.caller.classify(deleted.failure, 'read');
  }

  async fetchFollowers(account: PlatformAccount): Promise<number | null> {
    const api = this.api(account);
    const page = await this.caller.run('read', () =>
      api.call<{ followers_count?: unknown }>('GET', [account.externalId], {
        fields: 'followers_count',
      }),
    );
    return numberOrNull(page.followers_count);
  }

  private api(account: PlatformAccount): GraphApi {
    return new GraphApi(graphCredentials('facebook', account).accessToken, this.options);
  }

  private async permalink(api: GraphApi, postId: string): Promise<string | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const post = await this.caller.attempt(() =>
        api.call<PostRow>('GET', [postId], { fields: 'permalink_url' }),
      );
      if ('ok' in post && post.ok.permalink_url) return post.ok.permalink_url;
    }
    return null;
  }
}

/** Pages under 100 likes, or posts without insights: views are unknown, not an error. */
function insightsUnavailable(failure: GraphFailure): boolean {
  const code = failure.body?.code;
  return code === 10 || (code === 100 && failure.body?.error_subcode !== 33);
}
