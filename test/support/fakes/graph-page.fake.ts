/**
 * The Facebook Page half of the Graph fake: photos by URL (published, or unpublished for
 * attaching), feed posts with attached media, the 506 duplicate refusal, post engagement and
 * the views insight (only for Pages with 100+ followers).
 */
import type { Reply } from './fake-http';
import {
  checkFacebookImage,
  graphErrorReply,
  insightRow,
  invalidParameter,
  ok,
  page,
  pick,
} from './graph-rules';

export interface FakePagePost {
  id: string;
  owner: string;
  message: string;
  createdTime: Date;
  permalink: string;
  photoIds: string[];
  reactions: number;
  comments: number;
  shares: number;
  views?: number;
}

export interface FakePhoto {
  id: string;
  owner: string;
  url: string;
  caption?: string;
  published: boolean;
}

export class PageFakeState {
  readonly photos = new Map<string, FakePhoto>();
  readonly posts = new Map<string, FakePagePost>();

  constructor(
    private readonly nextId: () => string,
    private readonly now: () => Date,
  ) {}

  clear(): void {
    this.photos.clear();
    this.posts.clear();
  }

  postsOf(owner: string): FakePagePost[] {
    return [...this.posts.values()]
      .filter((p) => p.owner === owner)
      .sort((a, b) => b.createdTime.getTime() - a.createdTime.getTime());
  }

  listPosts(owner: string, params: Record<string, unknown>, query: Record<string, string>): Reply {
    const since = params.since ? Number(params.since) * 1000 : 0;
    const posts = this.postsOf(owner).filter((p) => p.createdTime.getTime() >= since);
    return ok(
      page(
        posts.map((p) => this.fields(p, params.fields)),
        query,
      ),
    );
  }

  async createPhoto(owner: string, p: Record<string, unknown>): Promise<Reply> {
    if (typeof p.url !== 'string')
      return graphErrorReply({ code: 324, message: '(#324) Requires upload file' });
    const refused = await checkFacebookImage(p.url);
    if (refused) return refused;
    const published = !(p.published === false || p.published === 'false');
    // The photos edge takes its text as `caption`; `message` is not read here.
    const caption = typeof p.caption === 'string' ? p.caption : undefined;
    const duplicate = published ? this.duplicate(owner, caption ?? '') : null;
    if (duplicate) return duplicate;
    const photo: FakePhoto = { id: this.nextId(), owner, url: p.url, caption, published };
    this.photos.set(photo.id, photo);
    if (!published) return ok({ id: photo.id });
    const post = this.createPost(owner, caption ?? '', [photo.id]);
    return ok({ id: photo.id, post_id: post.id });
  }

  createFeedPost(owner: string, p: Record<string, unknown>): Reply {
    const message = typeof p.message === 'string' ? p.message : '';
    const attached =
      typeof p.attached_media === 'string' ? JSON.parse(p.attached_media) : p.attached_media;
    const ids: string[] = Array.isArray(attached)
      ? attached.map((a: { media_fbid?: unknown }) => String(a?.media_fbid ?? ''))
      : [];
    for (const id of ids) {
      const photo = this.photos.get(id);
      if (!photo || photo.owner !== owner || photo.published) {
        return invalidParameter(`attached_media ${id} is not an unpublished photo of this Page`);
      }
    }
    if (!message && ids.length === 0) return invalidParameter('Missing message or attachment');
    const duplicate = this.duplicate(owner, message);
    if (duplicate) return duplicate;
    for (const id of ids) (this.photos.get(id) as FakePhoto).published = true;
    return ok({ id: this.createPost(owner, message, ids).id });
  }

  fields(post: FakePagePost, fields: unknown): Record<string, unknown> {
    const values: Record<string, unknown> = {
      id: post.id,
      message: post.message,
      permalink_url: post.permalink,
      created_time: post.createdTime.toISOString().replace(/\.\d{3}Z$/, '+0000'),
      reactions: { data: [], summary: { total_count: post.reactions, viewer_reaction: 'NONE' } },
      comments: { data: [], summary: { total_count: post.comments, order: 'ranked' } },
      // Graph leaves `shares` out when nobody shared.
      shares: post.shares > 0 ? { count: post.shares } : undefined,
    };
    return pick(values, String(fields ?? 'id'));
  }

  /** Pages under 100 followers have no insights: an empty set, not zeros. */
  insights(post: FakePagePost, names: string[], pageFollowers: number): Reply {
    const views = post.views;
    const available = pageFollowers >= 100 && views !== undefined;
    return ok({ data: available ? names.map((n) => insightRow(post.id, n, views ?? 0)) : [] });
  }

  /** Facebook refuses the same text twice in a row on a Page (506). */
  private duplicate(owner: string, message: string): Reply | null {
    const last = this.postsOf(owner)[0];
    if (!message || last?.message !== message) return null;
    return graphErrorReply({ code: 506, message: '(#506) Duplicate status message' });
  }

  private createPost(owner: string, message: string, photoIds: string[]): FakePagePost {
    const serial = this.nextId();
    const post: FakePagePost = {
      id: `${owner}_${serial}`,
      owner,
      message,
      createdTime: this.now(),
      permalink: `https://www.facebook.com/${owner}/posts/${serial}`,
      photoIds,
      reactions: 0,
      comments: 0,
      shares: 0,
    };
    this.posts.set(post.id, post);
    return post;
  }
}
