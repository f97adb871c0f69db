/**
 * The Instagram half of the Graph fake: containers (IN_PROGRESS for N status reads, then
 * FINISHED, or a scripted ERROR/EXPIRED), media, the moving 24-hour quota and media insights.
 */
import type { Reply } from './fake-http';
import {
  checkInstagramCaption,
  checkInstagramImage,
  graphErrorReply,
  igTimestamp,
  insightRow,
  invalidParameter,
  ok,
  page,
  pick,
} from './graph-rules';

export interface InstagramFakeOptions {
  /** Posts per moving window (Meta's pages say 50 or 100; Karya designs for 50). */
  quotaTotal: number;
  quotaDurationSeconds: number;
  /** Status reads answering IN_PROGRESS before a container is FINISHED. */
  pollsUntilFinished: number;
}

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface FakeContainer {
  id: string;
  owner: string;
  status: ContainerStatus;
  pollsLeft: number;
  imageUrl?: string;
  caption?: string;
  altText?: string;
  isCarouselItem: boolean;
  children: string[];
  errorSubcode?: number;
  mediaId?: string;
}

export interface FakeMedia {
  id: string;
  owner: string;
  caption: string;
  permalink: string;
  timestamp: Date;
  mediaType: 'IMAGE' | 'CAROUSEL_ALBUM';
  children: string[];
  altTexts: string[];
  likeCount: number;
  commentsCount: number;
  /** null: the platform has no insights for it (error 10). */
  insights: Record<string, number> | null;
}

export type ContainerOutcome = { status: 'ERROR' | 'EXPIRED'; subcode?: number };

export class InstagramFakeState {
  readonly containers = new Map<string, FakeContainer>();
  readonly media = new Map<string, FakeMedia>();
  scripted: ContainerOutcome[] = [];

  constructor(
    private readonly nextId: () => string,
    private readonly now: () => Date,
    public options: InstagramFakeOptions,
  ) {}

  clear(options: InstagramFakeOptions): void {
    this.containers.clear();
    this.media.clear();
    this.scripted = [];
    this.options = options;
  }

  mediaOf(owner: string): FakeMedia[] {
    return [...this.media.values()]
      .filter((m) => m.owner === owner)
      .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
  }

  quota(owner: string): Reply {
    const { quotaTotal, quotaDurationSeconds } = this.options;
    return ok({
      data: [
        {
          quota_usage: this.quotaUsage(owner),
          config: { quota_total: quotaTotal, quota_duration: quotaDurationSeconds },
        },
      ],
    });
  }

  listMedia(owner: string, fields: unknown, query: Record<string, string>): Reply {
    return ok(
      page(
        this.mediaOf(owner).map((m) => this.fields(m, fields)),
        query,
      ),
    );
  }

  async createContainer(owner: string, p: Record<string, unknown>): Promise<Reply> {
    const caption = typeof p.caption === 'string' ? p.caption : undefined;
    const altText = typeof p.alt_text === 'string' ? p.alt_text : undefined;
    const captionRefused = caption === undefined ? null : checkInstagramCaption(caption);
    if (captionRefused) return captionRefused;
    if (altText !== undefined && [...altText].length > 1000) {
      return invalidParameter('alt_text must be at most 1000 characters');
    }
    const container: FakeContainer = {
      id: this.nextId(),
      owner,
      status: 'IN_PROGRESS',
      pollsLeft: this.options.pollsUntilFinished,
      caption,
      altText,
      isCarouselItem: p.is_carousel_item === true || p.is_carousel_item === 'true',
      children: [],
    };
    if (p.media_type === 'CAROUSEL') {
      const children = Array.isArray(p.children)
        ? p.children.map(String)
        : String(p.children ?? '')
            .split(',')
            .filter(Boolean);
      if (children.length < 2 || children.length > 10) {
        return invalidParameter('A carousel takes 2 to 10 children');
      }
      for (const child of children) {
        const c = this.containers.get(child);
        if (!c || c.owner !== owner || !c.isCarouselItem || c.status !== 'FINISHED') {
          return invalidParameter(`Child ${child} is not a finished carousel item`);
        }
      }
      container.children = children;
    } else {
      if (typeof p.image_url !== 'string')
        return invalidParameter('The parameter image_url is required');
      const refused = await checkInstagramImage(p.image_url);
      if (refused) return refused;
      container.imageUrl = p.image_url;
    }
    this.containers.set(container.id, container);
    return ok({ id: container.id });
  }

  publishContainer(owner: string, creationId: string): Reply {
    const container = this.containers.get(creationId);
    if (!container || container.owner !== owner) {
      return graphErrorReply({
        code: 24,
        subcode: 2207008,
        message: 'The media container does not exist',
      });
    }
    if (container.isCarouselItem)
      return invalidParameter('A carousel item cannot be published alone');
    if (container.status === 'PUBLISHED')
      return invalidParameter('The media has already been published');
    if (container.status !== 'FINISHED') {
      return graphErrorReply({
        code: 9007,
        subcode: 2207027,
        message: 'Media ID is not available: the media is not ready for publishing',
      });
    }
    if (this.quotaUsage(owner) >= this.options.quotaTotal) {
      return graphErrorReply({
        code: 9,
        subcode: 2207042,
        message: 'Maximum number of posts reached',
      });
    }
    const children = container.children.map((c) => this.containers.get(c) as FakeContainer);
    const media = this.createMedia(owner, container.caption ?? '', this.now(), {
      mediaType: children.length ? 'CAROUSEL_ALBUM' : 'IMAGE',
      children: children.map((c) => c.imageUrl ?? ''),
      altTexts: (children.length ? children : [container]).map((c) => c.altText ?? ''),
    });
    container.status = 'PUBLISHED';
    container.mediaId = media.id;
    return ok({ id: media.id });
  }

  createMedia(
    owner: string,
    caption: string,
    at: Date,
    shape: Pick<FakeMedia, 'mediaType' | 'children' | 'altTexts'> = {
      mediaType: 'IMAGE',
      children: [],
      altTexts: [],
    },
  ): FakeMedia {
    const id = this.nextId();
    const media: FakeMedia = {
      id,
      owner,
      caption,
      permalink: `https://www.instagram.com/p/K${Number(BigInt(id) % 1_000_000_000n).toString(36)}/`,
      timestamp: at,
      ...shape,
      likeCount: 0,
      commentsCount: 0,
      insights: {},
    };
    this.media.set(id, media);
    return media;
  }

  /** A container's status read; each read of an IN_PROGRESS container counts as a poll. */
  readContainer(container: FakeContainer): Reply {
    if (container.status === 'IN_PROGRESS' && container.pollsLeft-- <= 0) {
      const scripted = container.isCarouselItem ? undefined : this.scripted.shift();
      container.status = scripted?.status ?? 'FINISHED';
      container.errorSubcode = scripted?.subcode;
    }
    return ok({ id: container.id, status_code: container.status, status: statusText(container) });
  }

  fields(media: FakeMedia, fields: unknown): Record<string, unknown> {
    return pick(
      {
        id: media.id,
        caption: media.caption,
        permalink: media.permalink,
        timestamp: igTimestamp(media.timestamp),
        media_type: media.mediaType,
        like_count: media.likeCount,
        comments_count: media.commentsCount,
      },
      String(fields ?? 'id'),
    );
  }

  insights(media: FakeMedia, names: string[]): Reply {
    const insights = media.insights;
    if (insights === null) {
      return graphErrorReply({
        code: 10,
        message: '(#10) Not enough viewers for the media to show insights',
      });
    }
    return ok({
      data: names.filter((n) => n in insights).map((n) => insightRow(media.id, n, insights[n])),
    });
  }

  private quotaUsage(owner: string): number {
    const since = this.now().getTime() - this.options.quotaDurationSeconds * 1000;
    return this.mediaOf(owner).filter((m) => m.timestamp.getTime() > since).length;
  }
}

function statusText(c: FakeContainer): string {
  switch (c.status) {
    case 'ERROR':
      return `Error: Media upload has failed with error code ${c.errorSubcode ?? 2207001}`;
    case 'FINISHED':
      return 'Finished: Media has been uploaded and it is ready to be published.';
    case 'IN_PROGRESS':
      return 'In Progress: Media is still being processed.';
    default:
      return c.status;
  }
}
