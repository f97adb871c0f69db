/**
 * A stateful imitation of the X API v2 on a real HTTP server: OAuth 2.0 bearer tokens and the
 * refresh-token grant (rotating refresh tokens), the v2 chunked media upload, posts checked by
 * weighted length (twitter-text) with duplicate refusal, rate-limit headers on every answer,
 * user timelines and post lookup with public and non-public metrics. Fails on script.
 */
import { FailureMatch, FailureMode, FakeHttpServer, RecordedRequest, Reply } from './fake-http';
import { FakeUpload, XMediaFake } from './x-media.fake';
import { XOAuthFake } from './x-oauth.fake';
import { problem, rateHeaders } from './x-rules';
import { FakeTweet, XTweetsFake } from './x-tweets.fake';

export type { FakeTweet, FakeUpload };

export interface XFakeOptions {
  now?: () => Date;
  /** Posts per user per 15 minutes (X: about 200). */
  postLimit?: number;
  accessTokenSeconds?: number;
}

const WINDOW_MS = 15 * 60_000;
const OTHER_LIMIT = 900;
const SCOPE = 'tweet.read tweet.write users.read offline.access media.write';

export class XApiFake {
  /** Successful refresh-token grants, in order. */
  readonly refreshes: Array<{ clientId: string; userId: string }> = [];
  /** Sign-in: the authorization-code grant with PKCE, and OAuth 1.0a user keys. */
  readonly oauth = new XOAuthFake();
  private readonly media: XMediaFake;
  private readonly posts: XTweetsFake;
  private readonly users = new Map<string, { username: string; followers: number }>();
  private readonly accessTokens = new Map<string, { userId: string; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();
  private readonly clients = new Map<string, { secret?: string }>();
  private readonly buckets = new Map<string, { used: number; resetAt: number }>();
  private readonly server: FakeHttpServer;
  private readonly now: () => Date;
  private readonly postLimit: number;
  private readonly accessTokenSeconds: number;
  private seq = 0;

  constructor(options: XFakeOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.postLimit = options.postLimit ?? 200;
    this.accessTokenSeconds = options.accessTokenSeconds ?? 7200;
    this.media = new XMediaFake(
      () => String(1_900_000_000_000_000_000n + BigInt(++this.seq)),
      this.now,
    );
    this.posts = new XTweetsFake(
      () => String(1_810_000_000_000_000_000n + BigInt(++this.seq)),
      this.now,
    );
    this.server = new FakeHttpServer((req) => this.route(req), {
      render: (mode) => {
        if (mode === 'expired_token') return problem(401, 'Unauthorized', 'Unauthorized');
        if (mode === 'rate_limited') {
          const reset = Math.ceil(this.now().getTime() / 1000) + 60;
          return {
            ...problem(429, 'Too Many Requests', 'Too Many Requests'),
            headers: rateHeaders(this.postLimit, 0, reset),
          };
        }
        return problem(503, 'Service Unavailable', 'Service Unavailable');
      },
      afterEffect: () => problem(500, 'Internal Server Error', 'Internal Server Error'),
    });
  }

  start(): Promise<string> {
    return this.server.start();
  }
  stop(): Promise<void> {
    return this.server.stop();
  }
  get url(): string {
    return this.server.url;
  }
  get requests(): RecordedRequest[] {
    return this.server.requests;
  }
  find(method: string, path: string | RegExp): RecordedRequest[] {
    return this.server.find(method, path);
  }
  get tweets(): Map<string, FakeTweet> {
    return this.posts.tweets;
  }
  get uploads(): Map<string, FakeUpload> {
    return this.media.uploads;
  }
  tweetsOf(userId: string): FakeTweet[] {
    return this.posts.tweetsOf(userId);
  }

  /** Forgets posts, uploads, rate-limit windows and traffic; users, clients and tokens stay. */
  reset(): void {
    this.server.resetTraffic();
    this.posts.tweets.clear();
    this.media.uploads.clear();
    this.buckets.clear();
    this.refreshes.length = 0;
  }

  get idle(): boolean {
    return this.server.idle;
  }
  /** Every answer from now on waits `ms` first (a distant platform; benchmarks). */
  setLatency(ms: number): void {
    this.server.latencyMs = ms;
  }
  failNext(count: number, mode: FailureMode, match?: FailureMatch): void {
    this.server.failures.failNext(count, mode, match);
  }
  failRandomly(
    fraction: number,
    options: { seed: number; modes: FailureMode[]; match?: FailureMatch },
  ): void {
    this.server.failures.failRandomly(fraction, options);
  }

  addClient(clientId: string, secret?: string): void {
    this.clients.set(clientId, { secret });
  }

  addUser(id: string, username: string, followers = 640): void {
    this.users.set(id, { username, followers });
  }

  /** An OAuth 2.0 grant for the user; returns its tokens. */
  grant(userId: string, clientId: string, expiresInSeconds = this.accessTokenSeconds) {
    const accessToken = `xat-${userId}-${++this.seq}`;
    const refreshToken = `xrt-${userId}-${++this.seq}`;
    const expiresAt = this.now().getTime() + expiresInSeconds * 1000;
    this.accessTokens.set(accessToken, { userId, expiresAt });
    this.refreshTokens.set(refreshToken, { userId, clientId });
    return { accessToken, refreshToken };
  }

  expireAccessToken(token: string): void {
    const entry = this.accessTokens.get(token);
    if (entry) entry.expiresAt = 0;
  }

  /** A post made earlier, for duplicate and reconcile scenarios. */
  seedTweet(authorId: string, text: string, at: Date): FakeTweet {
    return this.posts.create(authorId, text, [], at);
  }

  private route(req: RecordedRequest): Reply {
    if (req.method === 'POST' && req.path === '/2/oauth2/token') return this.token(req);
    const userId = this.authenticate(req);
    if (!userId) return problem(401, 'Unauthorized', 'Unauthorized');
    if (req.method === 'POST' && req.path === '/2/tweets') {
      const window = this.take(userId, 'post');
      if (window.limited) return window.limited;
      return this.posts.post(req, userId, (id) => this.media.ready(id, userId), window.headers);
    }
    const reply = this.dispatch(req, userId);
    return { ...reply, headers: { ...reply.headers, ...this.take(userId, 'other').headers } };
  }

  private dispatch(req: RecordedRequest, userId: string): Reply {
    const [version, resource, id, action, step] = req.path.split('/').filter(Boolean);
    const { method, query } = req;
    if (version === '2' && resource === 'media' && id === 'upload') {
      if (method === 'POST' && action === 'initialize') return this.media.initialize(req, userId);
      if (method === 'GET') return this.media.status(String(query.media_id));
      if (method === 'POST' && step === 'append') return this.media.append(req, action, userId);
      if (method === 'POST' && step === 'finalize') return this.media.finalize(action, userId);
    }
    if (version === '2' && resource === 'media' && id === 'metadata' && method === 'POST') {
      return this.media.metadata(req, userId);
    }
    if (version === '2' && resource === 'tweets' && id) {
      if (method === 'DELETE') return this.posts.remove(id, userId);
      if (method === 'GET') return this.posts.lookup(id, userId, query);
    }
    if (version === '2' && resource === 'users' && id === 'me') return this.me(userId, query);
    if (version === '2' && resource === 'users' && id && action === 'tweets') {
      return this.posts.timeline(id, query);
    }
    return problem(404, 'Not Found', `Unknown path ${req.path}`);
  }

  private authenticate(req: RecordedRequest): string | undefined {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const entry = bearer ? this.accessTokens.get(bearer) : undefined;
    if (!bearer) return this.oauth.oauth1User(req);
    if (!entry || entry.expiresAt <= this.now().getTime()) return undefined;
    return entry.userId;
  }

  /** The refresh-token grant; the client authenticates by Basic auth or by client_id alone. */
  private token(req: RecordedRequest): Reply {
    const body = req.body;
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [];
    const clientId = basicId ?? String(body.client_id ?? '');
    const client = this.clients.get(clientId);
    if (!client || (client.secret !== undefined && client.secret !== basicSecret)) {
      const error = {
        error: 'unauthorized_client',
        error_description: 'Missing valid authorization header',
      };
      return { status: 401, body: error };
    }
    if (body.grant_type === 'authorization_code') {
      const redeemed = this.oauth.redeem(body, clientId);
      return 'status' in redeemed
        ? redeemed
        : this.tokenReply(this.grant(redeemed.userId, clientId));
    }
    const stored = this.refreshTokens.get(String(body.refresh_token ?? ''));
    if (body.grant_type !== 'refresh_token' || !stored || stored.clientId !== clientId) {
      const error = {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      };
      return { status: 400, body: error };
    }
    // Refresh tokens rotate: the one just used is dead from now on.
    this.refreshTokens.delete(String(body.refresh_token));
    const next = this.grant(stored.userId, clientId);
    this.refreshes.push({ clientId, userId: stored.userId });
    return this.tokenReply(next);
  }

  private tokenReply(next: { accessToken: string; refreshToken: string }): Reply {
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        expires_in: this.accessTokenSeconds,
        access_token: next.accessToken,
        scope: SCOPE,
        refresh_token: next.refreshToken,
      },
    };
  }

  private me(userId: string, query: Record<string, string>): Reply {
    const user = this.users.get(userId) ?? { username: `user${userId}`, followers: 0 };
    const data: Record<string, unknown> = {
      id: userId,
      name: user.username,
      username: user.username,
    };
    if ((query['user.fields'] ?? '').includes('public_metrics')) {
      data.public_metrics = {
        followers_count: user.followers,
        following_count: 12,
        tweet_count: this.tweetsOf(userId).length,
        listed_count: 0,
      };
    }
    return { status: 200, body: { data } };
  }

  /** Counts a post against the user's 15-minute window; other calls only report theirs. */
  private take(
    userId: string,
    kind: 'post' | 'other',
  ): { headers: Record<string, string>; limited?: Reply } {
    const limit = kind === 'post' ? this.postLimit : OTHER_LIMIT;
    const now = this.now().getTime();
    const key = `${userId}:${kind}`;
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { used: 0, resetAt: now + WINDOW_MS };
      this.buckets.set(key, bucket);
    }
    const reset = Math.ceil(bucket.resetAt / 1000);
    if (kind === 'post' && bucket.used >= limit) {
      const headers = rateHeaders(limit, 0, reset);
      return {
        headers,
        limited: { ...problem(429, 'Too Many Requests', 'Too Many Requests'), headers },
      };
    }
    if (kind === 'post') bucket.used++;
    return { headers: rateHeaders(limit, limit - bucket.used, reset) };
  }
}
