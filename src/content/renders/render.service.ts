import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { MEDIA_STORAGE, type MediaStorage } from '../../media/storage/media-storage';
import { renderCacheKey } from '../rendering/cache-key';
import { checkNetworkRules, NetworkRuleViolation } from '../rendering/network-rules';
import { RenderOutput, renderTemplate } from '../rendering/renderer';
import { SOCIAL_NETWORKS, SocialNetwork } from '../rendering/template';
import { ImageTemplateService } from '../templates/image-template.service';
import { RenderInputLoader, RenderRequest } from './render-input.loader';
import { Render } from './render.entity';
import { RenderRepository } from './render.repository';

export type NetworkViolation = NetworkRuleViolation;

export interface RenderedImage {
  id: string;
  publicUrl: string;
  width: number;
  height: number;
  byteSize: number;
  mimeType: string;
  altText: string;
  /** Every network's rules checked on the stored bytes; empty lists where it may be published. */
  networkViolations: Record<SocialNetwork, NetworkViolation[]>;
}

/** A stored render as posts show it; `networkViolations` only when its bytes were checked. */
export type StoredImage = Omit<RenderedImage, 'networkViolations'> & {
  networkViolations?: RenderedImage['networkViolations'];
};

/** 192 random bits: public URLs must not be guessable from anything about the content. */
const TOKEN_BYTES = 24;

interface NewFile {
  cacheKey: string;
  storageKey: string;
  output: RenderOutput;
  mediaAssetIds: string[];
}

/**
 * Renders templates for posts and previews, cached by content per institution. A render that
 * fails leaves nothing: files are written only after rendering succeeded, inside the
 * transaction that inserts their rows, and removed again when that transaction fails.
 */
@Injectable()
export class RenderService {
  private readonly logger = new Logger(RenderService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly renders: RenderRepository,
    private readonly templates: ImageTemplateService,
    private readonly inputs: RenderInputLoader,
    private readonly clock: Clock,
  ) {}

  /**
   * One image, or one per photo for a carousel. With `manager`, reads and writes join the
   * caller's transaction (and a file whose row is rolled back stays, harmless: it is
   * content-addressed and reused by the next identical render).
   */
  async renderForPost(request: RenderRequest, manager?: EntityManager): Promise<RenderedImage[]> {
    const reader = manager ?? this.dataSource.manager;
    const { institutionId } = request;
    const normalised = {
      ...request,
      mediaAssetIds: request.mediaAssetIds.map((id) => id.toLowerCase()),
    };
    const { row, template } = await this.templates.requireUsable(
      institutionId,
      request.imageTemplateId,
      reader,
    );
    const input = await this.inputs.load(normalised, template, reader);
    const baseKey = inRequestTerms(() => renderCacheKey(template, input));
    const slideCount = template.carousel ? input.photos.length : 1;
    const cacheKeys = Array.from({ length: slideCount }, (_, i) =>
      template.carousel ? `${baseKey}:${i + 1}/${slideCount}` : baseKey,
    );
    const cached = await this.renders.findByCacheKeys(institutionId, cacheKeys, reader);
    if (cached.length === cacheKeys.length) {
      const byKey = new Map(cached.map((r) => [r.cacheKey, r]));
      const ordered = cacheKeys.map((key) => byKey.get(key) as Render);
      const images: RenderedImage[] = [];
      for (const render of ordered) {
        images.push(this.present(render, await this.storage.get(render.storageKey)));
      }
      return images;
    }
    const outputs = await inRequestTerms(() => renderTemplate(template, input));
    const files = outputs.map((output, i) => ({
      cacheKey: cacheKeys[i],
      storageKey: storageKeyOf(output.buffer),
      // A carousel slide shows one photo; other templates show all of them.
      mediaAssetIds: template.carousel ? [normalised.mediaAssetIds[i]] : normalised.mediaAssetIds,
      output,
    }));
    const rows = manager
      ? await this.store(institutionId, row.id, files, manager)
      : await this.storeInOwnTransaction(institutionId, row.id, files);
    return rows.map((render, i) => this.present(render, files[i].output.buffer));
  }

  private async storeInOwnTransaction(
    institutionId: string,
    templateId: string,
    files: NewFile[],
  ): Promise<Render[]> {
    let rows: Render[];
    try {
      rows = await this.dataSource.transaction((manager) =>
        this.store(institutionId, templateId, files, manager),
      );
    } catch (error) {
      await this.release(files.map((f) => f.storageKey));
      throw error;
    }
    // A concurrent identical render won the cache key; a file only this attempt wrote goes.
    const kept = new Set(rows.map((r) => r.storageKey));
    await this.release(files.map((f) => f.storageKey).filter((key) => !kept.has(key)));
    return rows;
  }

  private async store(
    institutionId: string,
    templateId: string,
    files: NewFile[],
    manager: EntityManager,
  ): Promise<Render[]> {
    await this.renders.lockStorageKeys(
      files.map((f) => f.storageKey),
      manager,
    );
    const rows: Render[] = [];
    for (const { cacheKey, storageKey, output, mediaAssetIds } of files) {
      await this.storage.put(storageKey, output.buffer);
      rows.push(
        await this.renders.insertOrGet(
          {
            institutionId,
            cacheKey,
            imageTemplateId: templateId,
            storageKey,
            publicToken: randomBytes(TOKEN_BYTES).toString('base64url'),
            mimeType: 'image/jpeg',
            width: output.width,
            height: output.height,
            byteSize: output.bytes,
            altText: output.altText,
            mediaAssetIds,
            createdAt: this.clock.now(),
          },
          manager,
        ),
      );
    }
    return rows;
  }

  /** Deletes the files no render row names (after a failed insert). Never throws. */
  private async release(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.renders.lockStorageKeys(keys, manager);
        for (const key of keys) {
          if (!(await this.renders.isStorageKeyReferenced(key, manager))) {
            await this.storage.delete(key);
          }
        }
      });
    } catch (error) {
      this.logger.warn({ err: error, keys }, 'Could not remove unreferenced rendered files');
    }
  }

  /**
   * Stored renders in the given order (unknown ids are skipped), read back without rendering.
   * With `checkRules`, the bytes are checked against every network's rules as after a render.
   */
  async findStored(ids: readonly string[], checkRules: boolean): Promise<StoredImage[]> {
    const byId = new Map((await this.renders.findByIds(ids)).map((row) => [row.id, row]));
    const images: StoredImage[] = [];
    for (const id of ids) {
      const render = byId.get(id);
      if (!render) continue;
      images.push(
        checkRules
          ? this.present(render, await this.storage.get(render.storageKey))
          : this.describe(render),
      );
    }
    return images;
  }

  private present(render: Render, bytes: Buffer): RenderedImage {
    const networkViolations = Object.fromEntries(
      SOCIAL_NETWORKS.map((network) => [network, checkNetworkRules({ buffer: bytes }, network)]),
    ) as Record<SocialNetwork, NetworkViolation[]>;
    return { ...this.describe(render), networkViolations };
  }

  private describe(render: Render): StoredImage {
    return {
      id: render.id,
      publicUrl: `${this.config.publicBaseUrl}/r/${render.publicToken}.jpg`,
      width: render.width,
      height: render.height,
      byteSize: render.byteSize,
      mimeType: render.mimeType,
      altText: render.altText,
    };
  }
}

/** `renders/ab/cd/<sha256>.jpg`: identical images share one file. */
function storageKeyOf(bytes: Buffer): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `renders/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.jpg`;
}

/** The renderer names its inputs (`photos[1]`); the request calls them `mediaAssetIds[1]`. */
function inRequestTerms<T>(work: () => T): T {
  const rename = (error: unknown): never => {
    if (error instanceof AppError && error.field?.startsWith('photos')) {
      throw new AppError(
        error.code,
        error.text,
        error.field.replace(/^photos/, 'mediaAssetIds'),
        error.details,
      );
    }
    throw error;
  };
  try {
    const result = work();
    return result instanceof Promise ? (result.catch(rename) as T) : result;
  } catch (error) {
    return rename(error);
  }
}
