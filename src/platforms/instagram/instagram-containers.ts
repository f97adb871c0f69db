/**
 * Instagram media containers: created at publish time (never at schedule time: they expire after
 * 24 h), then polled until FINISHED with doubling delays inside a time budget. A container that
 * fails or expires is abandoned — containers are invisible — so nothing here is ever
 * `unknown_outcome`: at worst the next attempt makes new ones.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IGUser } from 'facebook-nodejs-business-sdk';
import type { Clock } from '../../common/clock';
import { compact } from '../graph/graph-account';
import { GraphApi, GraphCaller, requireId } from '../graph/graph-api';
import { GRAPH_DELAYS, GraphFailure } from '../graph/graph-errors';
import { PlatformError, PublishContent } from '../platform-adapter';

export interface PollOptions {
  firstDelayMs: number;
  maxDelayMs: number;
  budgetMs: number;
}

interface ContainerState {
  status_code?: string;
  status?: string;
}

export class InstagramContainers {
  constructor(
    private readonly caller: GraphCaller,
    private readonly clock: Clock,
    private readonly poll: PollOptions,
  ) {}

  /** The container to publish: the image's, or a CAROUSEL parent of one item per image. */
  async create(user: IGUser, api: GraphApi, content: PublishContent): Promise<string> {
    const create = (params: Record<string, unknown>) =>
      this.caller.run('prepare', async () => requireId(await user.createMedia([], params)));
    if (content.images.length === 1) {
      const [image] = content.images;
      const id = await create(
        compact({
          image_url: image.url,
          caption: content.caption,
          alt_text: image.altText || undefined,
        }),
      );
      await this.waitUntilFinished(api, id);
      return id;
    }
    const children: string[] = [];
    for (const image of content.images) {
      children.push(
        await create(
          compact({
            image_url: image.url,
            is_carousel_item: true,
            alt_text: image.altText || undefined,
          }),
        ),
      );
    }
    for (const child of children) await this.waitUntilFinished(api, child);
    const parent = await create({
      media_type: 'CAROUSEL',
      children: children.join(','),
      caption: content.caption,
    });
    await this.waitUntilFinished(api, parent);
    return parent;
  }

  /** The container's status, or null when it cannot be read now. */
  async status(api: GraphApi, containerId: string): Promise<string | null> {
    const state = await this.caller.attempt(() =>
      api.call<ContainerState>('GET', [containerId], { fields: 'status_code' }),
    );
    return 'ok' in state ? (state.ok.status_code ?? null) : null;
  }

  private async waitUntilFinished(api: GraphApi, containerId: string): Promise<void> {
    const { firstDelayMs, maxDelayMs, budgetMs } = this.poll;
    const started = performance.now();
    let delay = firstDelayMs;
    for (;;) {
      const state = await this.caller.run('prepare', () =>
        api.call<ContainerState>('GET', [containerId], { fields: 'status_code,status' }),
      );
      if (state.status_code === 'FINISHED') return;
      if (state.status_code === 'ERROR') throw this.containerError(state.status ?? '');
      if (state.status_code === 'EXPIRED') {
        throw this.notReady(0, 'kontainer kedaluwarsa', 'the container expired');
      }
      if (performance.now() - started + delay > budgetMs) {
        throw this.notReady(
          GRAPH_DELAYS.containerNotReady,
          'gambar masih diproses',
          'the image is still processing',
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }

  /** ERROR carries the reason only as text: "… failed with error code 2207052". */
  private containerError(status: string): PlatformError {
    const subcode = /\b(2207\d{3})\b/.exec(status)?.[1];
    const failure: GraphFailure = {
      status: 400,
      headers: {},
      body: {
        code: 0,
        error_subcode: subcode ? Number(subcode) : undefined,
        message: status || 'ERROR',
      },
    };
    return this.caller.classify(failure, 'prepare');
  }

  private notReady(delayMs: number, id: string, en: string): PlatformError {
    return new PlatformError('retry_later', {
      network: 'instagram',
      platformCode: 'instagram:container',
      retryAt: new Date(this.clock.now().getTime() + delayMs),
      reason: {
        id: `Instagram: ${id}; kontainer baru dibuat pada percobaan berikutnya`,
        en: `Instagram: ${en}; a new container is made on the next attempt`,
      },
    });
  }
}
