/**
 * X through API v2: each image uploaded with the v2 chunked upload (initialize → append →
 * finalize), its alt text set with media metadata, then one `POST /2/tweets` with the media ids.
 * Uploaded media are invisible until a post uses them, so only the post call can leave the
 * outcome unknown. Permalinks use the `i/web/status` form, which needs no username lookup.
 *
 * Tokens: OAuth 2.0 access tokens live two hours and are refreshed with the refresh token, which
 * X rotates on every refresh (the old one dies). OAuth 1.0a user keys do not expire.
 */
import { SendTweetV2Params, TTweetv2TweetField, TwitterApi } from 'twitter-api-v2';
import type { Clock } from '../../common/clock';
import { findMatch, RECONCILE_SKEW_MS } from '../caption-match';
import type { CallPhase } from '../graph/graph-errors';
import {
  DeleteResult,
  MetricsReading,
  PlatformAccount,
  PlatformAdapter,
  PlatformError,
  PublishContent,
  PublishedPost,
  PublishImage,
  ReconcileQuery,
  ReconcileResult,
  RefreshResult,
  XOAuth2Credentials,
} from '../platform-adapter';
import { emptyMetrics, MetricsResponses, numberOrNull } from '../platform-metrics';
import { rejectIfInvalid, validateForNetwork } from '../platform-validation';
import { toXFailure, XClientFactory, XOptions } from './x-client';
import { classifyXError, XFailure } from './x-errors';

type MediaIds = NonNullable<NonNullable<SendTweetV2Params['media']>['media_ids']>;

/** Refresh an OAuth 2.0 token this long before it expires. */
export const X_REFRESH_MARGIN_MS = 10 * 60_000;

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const METRIC_FIELDS: TTweetv2TweetField[] = ['public_metrics', 'non_public_metrics'];

export class XAdapter implements PlatformAdapter {
  readonly network = 'x' as const;
  private readonly clients: XClientFactory;

  constructor(
    options: XOptions,
    private readonly clock: Clock,
  ) {
    this.clients = new XClientFactory(options);
  }

  validate(content: PublishContent) {
    return validateForNetwork('x', content);
  }

  async publish(account: PlatformAccount, content: PublishContent): Promise<PublishedPost> {
    rejectIfInvalid('x', this.validate(content));
    const client = this.client(account);
    const mediaIds: string[] = [];
    for (const image of content.images) {
      const bytes = image.bytes ?? (await this.download(image));
      const mediaType = imageType(bytes);
      const id = await this.run('prepare', () =>
        client.v2.uploadMedia(bytes, { media_type: mediaType }),
      );
      if (image.altText) {
        await this.run('prepare', () =>
          client.v2.createMediaMetadata(id, { alt_text: { text: image.altText } }),
        );
      }
      mediaIds.push(id);
    }
    const posted = await this.run('commit', async () => {
      const result = await client.v2.tweet({
        text: content.caption,
        media: { media_ids: mediaIds as MediaIds },
      });
      if (!result.data?.id) throw new SyntaxError('X answer without a post id');
      return result.data;
    });
    return { platformPostId: posted.id, permalink: permalink(posted.id) };
  }

  async reconcile(account: PlatformAccount, query: ReconcileQuery): Promise<ReconcileResult> {
    const client = this.client(account);
    if (query.platformPostId) {
      const id = query.platformPostId;
      const single = await this.run('read', () => client.v2.singleTweet(id));
      if (single.data) return { status: 'found', platformPostId: id, permalink: permalink(id) };
    }
    const start = new Date(query.since.getTime() - RECONCILE_SKEW_MS);
    const timeline = await this.run('read', () =>
      client.v2.userTimeline(account.externalId, {
        start_time: start.toISOString(),
        max_results: 100,
        exclude: ['replies', 'retweets'],
        'tweet.fields': ['created_at'],
      }),
    );
    const match = findMatch(
      'x',
      timeline.tweets.map((t) => ({
        id: t.id,
        text: t.text,
        createdAt: new Date(t.created_at ?? 0),
      })),
      query.caption,
      query.since,
    );
    return match
      ? { status: 'found', platformPostId: match.id, permalink: permalink(match.id) }
      : { status: 'not_found' };
  }

  async refreshCredentials(
    account: PlatformAccount,
    options: { force?: boolean } = {},
  ): Promise<RefreshResult> {
    const credentials = account.credentials;
    if (credentials.type === 'x_oauth1') return { status: 'not_needed' };
    if (credentials.type !== 'x_oauth2') throw this.unusable();
    const remaining = Date.parse(credentials.expiresAt) - this.clock.now().getTime();
    if (!options.force && remaining > X_REFRESH_MARGIN_MS) return { status: 'not_needed' };
    const app = this.clients.oauth2App();
    if (!app) throw this.unusable('OAuth 2.0 client id is not configured');
    try {
      const refreshed = await app.refreshOAuth2Token(credentials.refreshToken);
      const next: XOAuth2Credentials = {
        type: 'x_oauth2',
        accessToken: refreshed.accessToken,
        refreshToken: refreshed.refreshToken ?? credentials.refreshToken,
        expiresAt: new Date(this.clock.now().getTime() + refreshed.expiresIn * 1000).toISOString(),
        scope: refreshed.scope,
      };
      return { status: 'refreshed', credentials: next };
    } catch (error) {
      const failure = toXFailure(error);
      // invalid_request / invalid_grant: the refresh token is spent or revoked.
      if (failure.status === 400 || failure.status === 401) {
        throw new PlatformError('reauthenticate', {
          network: 'x',
          platformCode: `x:oauth2:${failure.status}`,
          reason: {
            id: 'X: token penyegar tidak berlaku lagi; hubungkan ulang akun',
            en: 'X: the refresh token is no longer valid; reconnect the account',
          },
        });
      }
      throw this.classify(failure, 'read');
    }
  }

  async fetchMetrics(account: PlatformAccount, postId: string): Promise<MetricsReading> {
    const client = this.client(account);
    const metrics = emptyMetrics('x');
    const responses = new MetricsResponses();
    // Non-public metrics exist for the author's posts of the last 30 days; X reports their
    // absence as a partial error beside the data.
    const result = await this.run('read', () =>
      client.v2.singleTweet(postId, { 'tweet.fields': METRIC_FIELDS }),
    );
    responses.keep(`GET /2/tweets/${postId}?tweet.fields=${METRIC_FIELDS.join(',')}`, result);
    if (!result.data) {
      throw new PlatformError('rejected', {
        network: 'x',
        platformCode: 'x:not-found',
        detail: result.errors?.[0]?.detail,
        reason: { id: 'X: unggahan tidak ditemukan', en: 'X: the post was not found' },
      });
    }
    const values: Record<string, unknown> = {
      ...result.data.public_metrics,
      ...result.data.non_public_metrics,
    };
    for (const name of Object.keys(metrics)) metrics[name] = numberOrNull(values[name]);
    return responses.reading(metrics);
  }

  async deletePost(account: PlatformAccount, postId: string): Promise<DeleteResult> {
    const client = this.client(account);
    try {
      const result = await client.v2.deleteTweet(postId);
      return result.data?.deleted ? 'deleted' : 'already_gone';
    } catch (error) {
      const failure = toXFailure(error);
      if (failure.status === 404) return 'already_gone';
      throw this.classify(failure, 'read');
    }
  }

  async fetchFollowers(account: PlatformAccount): Promise<number | null> {
    const client = this.client(account);
    const me = await this.run('read', () => client.v2.me({ 'user.fields': ['public_metrics'] }));
    return numberOrNull(me.data.public_metrics?.followers_count);
  }

  private client(account: PlatformAccount): TwitterApi {
    const credentials = account.credentials;
    if (credentials.type === 'x_oauth2') return this.clients.bearer(credentials.accessToken);
    if (credentials.type === 'x_oauth1') {
      const client = this.clients.oauth1(credentials.accessToken, credentials.accessSecret);
      if (client) return client;
      throw this.unusable('OAuth 1.0a consumer keys are not configured');
    }
    throw this.unusable();
  }

  private async run<T>(phase: CallPhase, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof PlatformError) throw error;
      throw this.classify(toXFailure(error), phase);
    }
  }

  private classify(failure: XFailure, phase: CallPhase): PlatformError {
    return classifyXError(failure, phase, this.clock.now());
  }

  private unusable(why = 'the account holds no X token'): PlatformError {
    return new PlatformError('reauthenticate', {
      network: 'x',
      platformCode: 'karya:credentials',
      detail: why,
      reason: {
        id: 'X: akun tidak dapat dipakai untuk menerbitkan; hubungkan ulang akun',
        en: 'X: the account cannot be used to publish; reconnect it',
      },
    });
  }

  /** X takes bytes; when the caller has none, they come from the public URL. */
  private async download(image: PublishImage): Promise<Buffer> {
    let response: Response;
    try {
      response = await fetch(image.url, {
        signal: AbortSignal.timeout(this.clients.options.timeoutMs),
      });
    } catch {
      throw new PlatformError('retry_later', {
        network: 'x',
        platformCode: 'karya:image-download',
        retryAt: new Date(this.clock.now().getTime() + 60_000),
        reason: {
          id: 'X: gambar tidak dapat diunduh, dicoba lagi',
          en: 'X: the image could not be downloaded, will retry',
        },
      });
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (!response.ok || bytes.length > MAX_IMAGE_BYTES) {
      throw new PlatformError('rejected', {
        network: 'x',
        platformCode: `karya:image-download:${response.status}`,
        reason: {
          id: `X: gambar tidak tersedia atau lebih dari 5 MB (HTTP ${response.status})`,
          en: `X: the image is unavailable or over 5 MB (HTTP ${response.status})`,
        },
      });
    }
    return bytes;
  }
}

function permalink(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

function imageType(bytes: Buffer): 'image/jpeg' | 'image/png' {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  throw new PlatformError('rejected', {
    network: 'x',
    platformCode: 'karya:image-format',
    reason: { id: 'X: gambar harus JPEG atau PNG', en: 'X: images must be JPEG or PNG' },
  });
}
