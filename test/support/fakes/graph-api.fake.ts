/**
 * A stateful imitation of the Graph API for Instagram business accounts and Facebook Pages, on a
 * real HTTP server. It keeps containers, media, photos and posts; fetches `image_url`/`url` over
 * HTTP and judges the bytes; enforces caption limits, the 24-hour publishing quota and tokens;
 * answers with Graph's documented error bodies under any `/vNN.N/` prefix; and fails on script.
 */
import { FailureMatch, FailureMode, FakeHttpServer, RecordedRequest, Reply } from './fake-http';
import {
  ContainerOutcome,
  FakeContainer,
  FakeMedia,
  InstagramFakeOptions,
  InstagramFakeState,
} from './graph-instagram.fake';
import { FakePagePost, FakePhoto, PageFakeState } from './graph-page.fake';
import { GraphOAuthFake } from './graph-oauth.fake';
import { graphErrorReply, invalidParameter, notFound, ok, pick } from './graph-rules';

export type { FakeContainer, FakeMedia, FakePagePost, FakePhoto };

export interface GraphFakeOptions extends Partial<InstagramFakeOptions> {
  now?: () => Date;
}

interface Owner {
  id: string;
  kind: 'instagram' | 'page';
  followers: number;
}

const DEFAULTS: InstagramFakeOptions = {
  quotaTotal: 50,
  quotaDurationSeconds: 86_400,
  pollsUntilFinished: 1,
};

/** Metrics Meta retired: asking for them is an error, as on the real API. */
const RETIRED_METRICS = ['impressions', 'plays', 'post_impressions', 'post_impressions_unique'];

export class GraphApiFake {
  /** Facebook Login: token exchange and the person's Pages. */
  readonly oauth = new GraphOAuthFake();
  private readonly instagram: InstagramFakeState;
  private readonly pages: PageFakeState;
  private readonly owners = new Map<string, Owner>();
  private readonly tokens = new Map<string, { owners: Set<string>; expired: boolean }>();
  private readonly server: FakeHttpServer;
  private readonly initial: InstagramFakeOptions;
  private seq = 1000;

  constructor(options: GraphFakeOptions = {}) {
    const now = options.now ?? (() => new Date());
    const nextId = () => String(17_900_000_000_000_000n + BigInt(++this.seq));
    this.initial = {
      quotaTotal: options.quotaTotal ?? DEFAULTS.quotaTotal,
      quotaDurationSeconds: options.quotaDurationSeconds ?? DEFAULTS.quotaDurationSeconds,
      pollsUntilFinished: options.pollsUntilFinished ?? DEFAULTS.pollsUntilFinished,
    };
    this.instagram = new InstagramFakeState(nextId, now, { ...this.initial });
    this.pages = new PageFakeState(nextId, now);
    this.server = new FakeHttpServer((req) => this.route(req), {
      render: (mode) =>
        mode === 'expired_token'
          ? expiredToken()
          : mode === 'rate_limited'
            ? graphErrorReply({ code: 4, message: '(#4) Application request limit reached' })
            : serverError(),
      afterEffect: () => serverError(),
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
  get containers(): Map<string, FakeContainer> {
    return this.instagram.containers;
  }
  get media(): Map<string, FakeMedia> {
    return this.instagram.media;
  }
  get photos(): Map<string, FakePhoto> {
    return this.pages.photos;
  }
  get posts(): Map<string, FakePagePost> {
    return this.pages.posts;
  }
  mediaOf(owner: string): FakeMedia[] {
    return this.instagram.mediaOf(owner);
  }
  postsOf(owner: string): FakePagePost[] {
    return this.pages.postsOf(owner);
  }

  /** Forgets everything but the accounts and tokens; options return to the constructor's. */
  reset(): void {
    this.server.resetTraffic();
    this.instagram.clear({ ...this.initial });
    this.pages.clear();
    for (const t of this.tokens.values()) t.expired = false;
    this.refusedMetrics.clear();
  }

  /** Metrics refused from now on as Meta refuses a retired one (error 100); cleared by reset. */
  readonly refusedMetrics = new Set<string>();

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

  addInstagramAccount(id: string, token: string, followers = 1200): void {
    this.addOwner({ id, kind: 'instagram', followers }, token);
  }
  addPage(id: string, token: string, followers = 850): void {
    this.addOwner({ id, kind: 'page', followers }, token);
  }
  expireToken(token: string): void {
    const entry = this.tokens.get(token);
    if (entry) entry.expired = true;
  }

  /** How many status reads answer IN_PROGRESS for containers created from now on. */
  setPollsUntilFinished(polls: number): void {
    this.instagram.options.pollsUntilFinished = polls;
  }

  /** The next container ends in ERROR (with an IG subcode) or EXPIRED instead of FINISHED. */
  scriptContainer(outcome: ContainerOutcome): void {
    this.instagram.scripted.push(outcome);
  }

  /** A post made earlier (by Karya or by hand), for quota and reconcile scenarios. */
  seedMedia(owner: string, caption: string, at: Date): FakeMedia {
    return this.instagram.createMedia(owner, caption, at);
  }

  private addOwner(owner: Owner, token: string): void {
    this.owners.set(owner.id, owner);
    const entry = this.tokens.get(token) ?? { owners: new Set<string>(), expired: false };
    entry.owners.add(owner.id);
    this.tokens.set(token, entry);
  }

  private async route(req: RecordedRequest): Promise<Reply> {
    const path = /^\/v\d+\.\d+(\/.*)?$/.exec(req.path)?.[1] ?? req.path;
    const params: Record<string, unknown> = { ...req.query, ...req.body };
    const login = this.oauth.route(req.method, path, params);
    if (login) return login;
    const token = typeof params.access_token === 'string' ? params.access_token : undefined;
    const grant = token ? this.tokens.get(token) : undefined;
    if (!grant) {
      return graphErrorReply({
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    }
    if (grant.expired) return expiredToken();
    const [id, edge, ...rest] = path.split('/').filter(Boolean);
    if (!id || rest.length > 0) return invalidParameter('Unknown path components');
    const owner = this.ownerOf(id);
    if (!owner || !grant.owners.has(owner)) return notFound(id);
    const kind = this.owners.get(id)?.kind;
    switch (`${req.method} ${edge ?? ''} ${kind ?? 'object'}`) {
      case 'GET  object':
      case 'GET  instagram':
      case 'GET  page':
        return this.readNode(id, String(params.fields ?? 'id'));
      case 'DELETE  object':
        return this.deleteNode(id);
      case 'POST media instagram':
        return this.instagram.createContainer(id, params);
      case 'POST media_publish instagram':
        return this.instagram.publishContainer(id, String(params.creation_id ?? ''));
      case 'GET media instagram':
        return this.instagram.listMedia(id, params.fields, req.query);
      case 'GET content_publishing_limit instagram':
        return this.instagram.quota(id);
      case 'GET insights object':
        return withInsightsPaging(this.insights(id, String(params.metric ?? '')), req.path, token);
      case 'POST photos page':
        return this.pages.createPhoto(id, params);
      case 'POST feed page':
        return this.pages.createFeedPost(id, params);
      case 'GET published_posts page':
      case 'GET feed page':
        return this.pages.listPosts(id, params, req.query);
      default:
        return invalidParameter(
          `Unsupported ${req.method} request to edge '${edge ?? ''}' of ${id}`,
        );
    }
  }

  private ownerOf(id: string): string | undefined {
    if (this.owners.has(id)) return id;
    return (
      this.containers.get(id)?.owner ??
      this.media.get(id)?.owner ??
      this.posts.get(id)?.owner ??
      this.photos.get(id)?.owner
    );
  }

  private readNode(id: string, fields: string): Reply {
    const container = this.containers.get(id);
    if (container) return this.instagram.readContainer(container);
    const media = this.media.get(id);
    if (media) return ok(this.instagram.fields(media, fields));
    const post = this.posts.get(id);
    if (post) return ok(this.pages.fields(post, fields));
    const owner = this.owners.get(id);
    if (!owner) return notFound(id);
    const values = {
      id,
      followers_count: owner.followers,
      fan_count: owner.followers,
      username: `akun_${id}`,
      name: `Akun ${id}`,
    };
    return ok(pick(values, fields));
  }

  private insights(id: string, metric: string): Reply {
    const names = metric.split(',').filter(Boolean);
    const retired = names.find((n) => RETIRED_METRICS.includes(n) || this.refusedMetrics.has(n));
    if (retired) return invalidParameter(`metric ${retired} is no longer supported`);
    const media = this.media.get(id);
    if (media) return this.instagram.insights(media, names);
    const post = this.posts.get(id);
    if (!post) return notFound(`${id}/insights`);
    return this.pages.insights(post, names, this.owners.get(post.owner)?.followers ?? 0);
  }

  private deleteNode(id: string): Reply {
    if (this.media.delete(id) || this.posts.delete(id) || this.photos.delete(id)) {
      return ok({ success: true });
    }
    return notFound(id);
  }
}

function serverError(): Reply {
  return graphErrorReply({
    status: 500,
    code: 2,
    isTransient: true,
    message: 'An unexpected error has occurred. Please retry your request later.',
  });
}

function expiredToken(): Reply {
  return graphErrorReply({
    code: 190,
    subcode: 463,
    message: 'Error validating access token: Session has expired.',
  });
}

/**
 * Graph pages insights by period even for lifetime metrics; its `previous`/`next` links repeat the
 * request's query, the access token included.
 */
function withInsightsPaging(reply: Reply, path: string, token: string | undefined): Reply {
  if (reply.status !== 200 || !token) return reply;
  const link = (since: number, until: number) =>
    `https://graph.facebook.com${path}?access_token=${token}&since=${since}&until=${until}`;
  return {
    ...reply,
    body: {
      ...(reply.body as object),
      paging: { previous: link(1735689600, 1735862400), next: link(1736035200, 1736208000) },
    },
  };
}
