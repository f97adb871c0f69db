/**
 * Instagram business accounts through the Graph API (Facebook Login):
 * quota check → container(s) → wait for FINISHED → media_publish → permalink.
 *
 * - The quota (`content_publishing_limit`) is read before anything is created. Meta's pages say
 *   both 50 and 100 posts per moving 24 h; Karya holds itself to `publishLimit` (50). When full,
 *   the retry time is when the oldest post in the window leaves it.
 * - Containers are created at publish time and are invisible; one that fails or expires is simply
 *   abandoned (Instagram expires them after 24 h), so everything before media_publish is
 *   `retry_later` at worst. Only media_publish can leave the outcome unknown; its error carries the
 *   container id, whose status tells reconcile whether that publish took effect.
 * - Carousels: one container per image with is_carousel_item, each waited for, then a CAROUSEL
 *   parent with the children and the caption.
 */
import { IGUser } from 'facebook-nodejs-business-sdk';
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
import { GraphFailure, GRAPH_DELAYS } from '../graph/graph-errors';
import {
  DeleteResult,
  MetricsReading,
  PlatformAccount,
  PlatformAdapter,
  PlatformError,
  PublishContent,
  PublishedPost,
  ReconcileQuery,
  ReconcileResult,
  RefreshResult,
} from '../platform-adapter';
import { emptyMetrics, METRIC_NAMES, MetricsResponses, numberOrNull } from '../platform-metrics';
import { rejectIfInvalid, validateForNetwork } from '../platform-validation';
import { InstagramContainers, PollOptions } from './instagram-containers';

export interface InstagramOptions extends GraphOptions {
  /** Posts per moving 24 hours Karya allows itself on one account. */
  publishLimit: number;
  /** Container status polling: doubling delays, bounded in total. */
  poll: PollOptions;
}

export const INSTAGRAM_DEFAULTS: Omit<InstagramOptions, keyof GraphOptions> = {
  publishLimit: 50,
  poll: { firstDelayMs: 1_000, maxDelayMs: 5_000, budgetMs: 60_000 },
};

interface MediaRow {
  id: string;
  caption?: string;
  permalink?: string;
  timestamp?: string;
}

interface InsightRow {
  name: string;
  values?: Array<{ value?: unknown }>;
  total_value?: { value?: unknown };
}

/** Counted on the media object even when it has no insights. */
const MEDIA_COUNT_FIELDS = 'like_count,comments_count';

const QUOTA_REASON = {
  id: 'Instagram: batas unggahan 24 jam akun tercapai; diterbitkan saat kuota kembali',
  en: 'Instagram: the account reached its 24-hour publishing limit; publishing when quota frees up',
};

export class InstagramAdapter implements PlatformAdapter {
  readonly network = 'instagram' as const;
  private readonly caller: GraphCaller;
  private readonly containers: InstagramContainers;

  constructor(
    private readonly options: InstagramOptions,
    private readonly clock: Clock,
  ) {
    this.caller = new GraphCaller('instagram', clock);
    this.containers = new InstagramContainers(this.caller, clock, options.poll);
  }

  validate(content: PublishContent) {
    return validateForNetwork('instagram', content);
  }

  async publish(account: PlatformAccount, content: PublishContent): Promise<PublishedPost> {
    rejectIfInvalid('instagram', this.validate(content));
    const api = this.api(account);
    // The SDK records the constructor's id as a change and would post it as a parameter.
    const user = new IGUser(account.externalId, {}, undefined, api).clearHistory() as IGUser;
    await this.ensureQuota(api, account.externalId);
    const containerId = await this.containers.create(user, api, content);
    let mediaId: string;
    try {
      mediaId = await this.caller.run('commit', async () =>
        requireId(await user.createMediaPublish([], { creation_id: containerId })),
      );
    } catch (error) {
      throw error instanceof PlatformError ? error.withContainer(containerId) : error;
    }
    return { platformPostId: mediaId, permalink: await this.permalink(api, mediaId) };
  }

  async reconcile(account: PlatformAccount, query: ReconcileQuery): Promise<ReconcileResult> {
    const api = this.api(account);
    if (query.platformPostId) {
      const found = await findPostById(this.caller, api, query.platformPostId, 'permalink');
      if (found) return found;
    }
    // A container that is not PUBLISHED proves media_publish did not take effect.
    const containerStatus = query.containerId
      ? await this.containers.status(api, query.containerId)
      : null;
    if (containerStatus && containerStatus !== 'PUBLISHED') return { status: 'not_found' };
    const from = query.since.getTime() - RECONCILE_SKEW_MS;
    const media = await collectPages<MediaRow>(
      (after) =>
        this.caller.run('read', () =>
          api.call<GraphPage<MediaRow>>(
            'GET',
            [account.externalId, 'media'],
            compact({ fields: 'id,caption,permalink,timestamp', limit: 25, after }),
          ),
        ),
      (items) => items.some((m) => graphTime(m.timestamp).getTime() < from),
    );
    const candidates = media.map((m) => ({
      ...m,
      text: m.caption,
      createdAt: graphTime(m.timestamp),
    }));
    // A PUBLISHED container proves the post exists even if its caption reads differently:
    // then the earliest post since the attempt is ours, and "not found" would publish it twice.
    const match =
      findMatch('instagram', candidates, query.caption, query.since) ??
      (containerStatus === 'PUBLISHED' ? earliestSince(candidates, from) : undefined);
    if (match)
      return { status: 'found', platformPostId: match.id, permalink: match.permalink ?? null };
    if (containerStatus === 'PUBLISHED') {
      throw new PlatformError('retry_later', {
        network: 'instagram',
        platformCode: 'instagram:not-listed-yet',
        retryAt: new Date(this.clock.now().getTime() + GRAPH_DELAYS.containerNotReady),
        reason: {
          id: 'Instagram: unggahan sudah terbit tetapi belum muncul di daftar; diperiksa lagi',
          en: 'Instagram: the post is published but not listed yet; checking again',
        },
      });
    }
    return { status: 'not_found' };
  }

  async refreshCredentials(account: PlatformAccount): Promise<RefreshResult> {
    return graphRefresh('instagram', account, this.clock);
  }

  async fetchMetrics(account: PlatformAccount, mediaId: string): Promise<MetricsReading> {
    const api = this.api(account);
    const metrics = emptyMetrics('instagram');
    const responses = new MetricsResponses();
    const readInsights = async (names: readonly string[]) => {
      const metric = names.join(',');
      const answer = await this.caller.attempt(() =>
        api.call<GraphPage<InsightRow>>('GET', [mediaId, 'insights'], { metric }),
      );
      const request = `GET ${mediaId}/insights?metric=${metric}`;
      responses.keep(request, 'ok' in answer ? answer.ok : answer.failure.body);
      return answer;
    };
    const store = (rows: InsightRow[] | undefined) => {
      for (const row of rows ?? []) {
        if (row.name in metrics)
          metrics[row.name] = numberOrNull(row.total_value?.value ?? row.values?.[0]?.value);
      }
    };
    const insights = await readInsights(METRIC_NAMES.instagram);
    if ('ok' in insights) {
      store(insights.ok.data);
    } else if (refusedMetric(insights.failure)) {
      // Meta refuses the whole request when one metric is retired or not offered for this media:
      // ask for each alone, so one refused metric leaves the others known.
      for (const name of METRIC_NAMES.instagram) {
        const one = await readInsights([name]);
        if ('ok' in one) store(one.ok.data);
        else if (!noInsights(one.failure)) throw this.caller.classify(one.failure, 'read');
      }
    } else if (!noInsights(insights.failure)) {
      throw this.caller.classify(insights.failure, 'read');
    }
    if (metrics.likes === null || metrics.comments === null) {
      // Low-reach media have no insights (error 10), but the media object still counts these.
      const fields = await this.caller.run('read', () =>
        api.call<{ like_count?: unknown; comments_count?: unknown }>('GET', [mediaId], {
          fields: MEDIA_COUNT_FIELDS,
        }),
      );
      responses.keep(`GET ${mediaId}?fields=${MEDIA_COUNT_FIELDS}`, fields);
      metrics.likes ??= numberOrNull(fields.like_count);
      metrics.comments ??= numberOrNull(fields.comments_count);
    }
    return responses.reading(metrics);
  }

  async deletePost(account: PlatformAccount, mediaId: string): Promise<DeleteResult> {
    const api = this.api(account);
    const deleted = await this.caller.attempt(() => api.call('DELETE', [mediaId]));
    if ('ok' in deleted) return 'deleted';
    const code = deleted.failure.body?.code;
    if (isMissing(deleted.failure)) {
      // "does not exist, cannot be loaded … or does not support this operation": look it up.
      const still = await this.caller.attempt(() => api.call('GET', [mediaId], { fields: 'id' }));
      if ('ok' in still) return 'unsupported';
      if (isMissing(still.failure)) return 'already_gone';
      throw this.caller.classify(still.failure, 'read');
    }
    if (code === 3 || code === 10 || code === 100) return 'unsupported';
    throw this.caller.classify(deleted.failure, 'read');
  }

  async fetchFollowers(account: PlatformAccount): Promise<number | null> {
    const api = this.api(account);
    const user = await this.caller.run('read', () =>
      api.call<{ followers_count?: unknown }>('GET', [account.externalId], {
        fields: 'followers_count',
      }),
    );
    return numberOrNull(user.followers_count);
  }

  private api(account: PlatformAccount): GraphApi {
    return new GraphApi(graphCredentials('instagram', account).accessToken, this.options);
  }

  private async ensureQuota(api: GraphApi, igUserId: string): Promise<void> {
    const limit = await this.caller.run('read', () =>
      api.call<
        GraphPage<{
          quota_usage?: number;
          config?: { quota_total?: number; quota_duration?: number };
        }>
      >('GET', [igUserId, 'content_publishing_limit'], { fields: 'quota_usage,config' }),
    );
    const row = limit.data?.[0];
    const allowed = Math.min(
      row?.config?.quota_total ?? this.options.publishLimit,
      this.options.publishLimit,
    );
    if ((row?.quota_usage ?? 0) < allowed) return;
    const windowMs = (row?.config?.quota_duration ?? 86_400) * 1000;
    throw new PlatformError('retry_later', {
      network: 'instagram',
      platformCode: 'instagram:quota',
      reason: QUOTA_REASON,
      retryAt: await this.quotaFreesAt(api, igUserId, allowed, windowMs),
    });
  }

  /** When the post that keeps the window full leaves it; an hour from now if unknowable. */
  private async quotaFreesAt(
    api: GraphApi,
    igUserId: string,
    allowed: number,
    windowMs: number,
  ): Promise<Date> {
    const now = this.clock.now().getTime();
    const windowStart = now - windowMs;
    try {
      const recent = await collectPages<MediaRow>(
        (after) =>
          api.call<GraphPage<MediaRow>>(
            'GET',
            [igUserId, 'media'],
            compact({ fields: 'timestamp', limit: 50, after }),
          ),
        (items) => items.some((m) => graphTime(m.timestamp).getTime() <= windowStart),
      );
      const inWindow = recent
        .map((m) => graphTime(m.timestamp).getTime())
        .filter((t) => t > windowStart)
        .sort((a, b) => a - b);
      if (inWindow.length >= allowed) {
        return new Date(Math.max(inWindow[inWindow.length - allowed] + windowMs, now + 60_000));
      }
    } catch {
      // Fall through: the quota answer alone is enough to wait.
    }
    return new Date(now + GRAPH_DELAYS.quota);
  }

  /** The post is live either way; a permalink that cannot be read now is fetched later. */
  private async permalink(api: GraphApi, mediaId: string): Promise<string | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const media = await this.caller.attempt(() =>
        api.call<MediaRow>('GET', [mediaId], { fields: 'permalink' }),
      );
      if ('ok' in media && media.ok.permalink) return media.ok.permalink;
    }
    return null;
  }
}

function earliestSince<T extends { createdAt: Date }>(items: T[], from: number): T | undefined {
  return items
    .filter((m) => m.createdAt.getTime() >= from)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
}

/** An invalid-parameter refusal of the insights request: one of its metrics is not offered. */
function refusedMetric(failure: GraphFailure): boolean {
  const body = failure.body;
  return body?.code === 100 && body.error_subcode !== 33;
}

/** Insights that do not exist for this media (too little reach, unsupported metric). */
function noInsights(failure: GraphFailure): boolean {
  const body = failure.body;
  return body?.code === 10 || (body?.code === 100 && body.error_subcode !== 33);
}
