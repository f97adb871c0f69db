/**
 * The X fake's posts: weighted length by twitter-text, duplicate refusal, the text as X shows
 * it, lookup with public and (author only, 30 days) non-public metrics, and user timelines.
 */
import { parseTweet } from 'twitter-text';
import type { RecordedRequest, Reply } from './fake-http';
import { displayText, fieldAuthorizationError, invalid, notFoundError, problem } from './x-rules';

export interface FakeTweet {
  id: string;
  authorId: string;
  /** As sent. */
  original: string;
  /** As X returns it: links shortened, media link appended, &<> escaped. */
  text: string;
  createdAt: Date;
  mediaIds: string[];
  publicMetrics: Record<string, number>;
  nonPublicMetrics: Record<string, number>;
}

const NON_PUBLIC_DAYS = 30;

export class XTweetsFake {
  readonly tweets = new Map<string, FakeTweet>();

  constructor(
    private readonly nextId: () => string,
    private readonly now: () => Date,
  ) {}

  tweetsOf(userId: string): FakeTweet[] {
    return [...this.tweets.values()]
      .filter((t) => t.authorId === userId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  post(
    req: RecordedRequest,
    userId: string,
    mediaReady: (id: string) => boolean,
    headers: Record<string, string>,
  ): Reply {
    const text = typeof req.body.text === 'string' ? req.body.text : '';
    const media = req.body.media as { media_ids?: unknown } | undefined;
    const mediaIds = Array.isArray(media?.media_ids) ? media.media_ids.map(String) : [];
    const { weightedLength } = parseTweet(text);
    if (!text && mediaIds.length === 0) return invalid('text or media is required', headers);
    if (weightedLength > 280) return invalid(`Text is too long (${weightedLength} > 280)`, headers);
    const notReady = mediaIds.find((id) => !mediaReady(id));
    if (notReady) return invalid(`Media ${notReady} is not ready`, headers);
    if (this.tweetsOf(userId).some((t) => t.original === text)) {
      const detail = 'You are not allowed to create a Tweet with duplicate content.';
      return { ...problem(403, 'Forbidden', detail), headers };
    }
    const tweet = this.create(userId, text, mediaIds, this.now());
    return {
      status: 201,
      headers,
      body: { data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } },
    };
  }

  create(authorId: string, original: string, mediaIds: string[], at: Date): FakeTweet {
    const id = this.nextId();
    const tweet: FakeTweet = {
      id,
      authorId,
      original,
      text: displayText(original, mediaIds.length > 0, id),
      createdAt: at,
      mediaIds,
      publicMetrics: {
        retweet_count: 0,
        reply_count: 0,
        like_count: 0,
        quote_count: 0,
        bookmark_count: 0,
        impression_count: 0,
      },
      nonPublicMetrics: { impression_count: 0, url_link_clicks: 0, user_profile_clicks: 0 },
    };
    this.tweets.set(id, tweet);
    return tweet;
  }

  remove(id: string, userId: string): Reply {
    const tweet = this.tweets.get(id);
    if (!tweet) {
      return problem(
        404,
        'Not Found Error',
        `Could not find tweet with id: [${id}].`,
        'resource-not-found',
      );
    }
    if (tweet.authorId !== userId) {
      return problem(403, 'Forbidden', 'You are not allowed to delete this Tweet.');
    }
    this.tweets.delete(id);
    return { status: 200, body: { data: { deleted: true } } };
  }

  /** A missing post is a 200 with an `errors` entry, as X answers lookups. */
  lookup(id: string, userId: string, query: Record<string, string>): Reply {
    const tweet = this.tweets.get(id);
    if (!tweet) return { status: 200, body: { errors: [notFoundError(id)] } };
    const fields = (query['tweet.fields'] ?? '').split(',');
    const data: Record<string, unknown> = { id, text: tweet.text, edit_history_tweet_ids: [id] };
    if (fields.includes('created_at')) data.created_at = tweet.createdAt.toISOString();
    if (fields.includes('public_metrics')) data.public_metrics = tweet.publicMetrics;
    const errors: unknown[] = [];
    if (fields.includes('non_public_metrics')) {
      const age = this.now().getTime() - tweet.createdAt.getTime();
      if (tweet.authorId === userId && age < NON_PUBLIC_DAYS * 86_400_000) {
        data.non_public_metrics = tweet.nonPublicMetrics;
      } else {
        errors.push(fieldAuthorizationError(id, 'non_public_metrics'));
      }
    }
    return { status: 200, body: errors.length ? { data, errors } : { data } };
  }

  timeline(userId: string, query: Record<string, string>): Reply {
    const max = Number(query.max_results ?? 10);
    if (!(max >= 5 && max <= 100)) return invalid('max_results must be between 5 and 100');
    const start = query.start_time ? Date.parse(query.start_time) : 0;
    const offset = query.pagination_token ? Number(query.pagination_token) : 0;
    const all = this.tweetsOf(userId).filter((t) => t.createdAt.getTime() >= start);
    const fields = (query['tweet.fields'] ?? '').split(',');
    const data = all.slice(offset, offset + max).map((t) => ({
      id: t.id,
      text: t.text,
      edit_history_tweet_ids: [t.id],
      ...(fields.includes('created_at') ? { created_at: t.createdAt.toISOString() } : {}),
    }));
    const meta: Record<string, unknown> = { result_count: data.length };
    if (data.length)
      Object.assign(meta, { newest_id: data[0].id, oldest_id: data[data.length - 1].id });
    if (offset + max < all.length) meta.next_token = String(offset + max);
    return { status: 200, body: data.length ? { data, meta } : { meta } };
  }
}
