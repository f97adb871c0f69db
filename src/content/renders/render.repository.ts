import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BatchLoader } from '../../common/batch-loader';
import { MediaAsset } from '../../media/media-asset.entity';
import { Render } from './render.entity';

export type NewRender = Omit<Render, 'id'>;

@Injectable()
export class RenderRepository {
  private readonly byId = new BatchLoader<string, Render | null>(async (ids) => {
    const rows = await this.dataSource.manager.findBy(Render, { id: In([...ids]) });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByCacheKeys(
    institutionId: string,
    cacheKeys: readonly string[],
    manager: EntityManager,
  ): Promise<Render[]> {
    return manager.findBy(Render, { institutionId, cacheKey: In([...cacheKeys]) });
  }

  /** Concurrent callers (the targets of one claim) share one query. */
  async findByIds(ids: readonly string[]): Promise<Render[]> {
    const rows = await this.byId.loadMany(ids);
    return rows.filter((row): row is Render => row !== null);
  }

  findByToken(publicToken: string): Promise<Render | null> {
    return this.dataSource.manager.findOneBy(Render, { publicToken });
  }

  /**
   * Inserts the render unless the institution has one under the same cache key, and returns
   * whichever row is stored. A concurrent identical render waits on the unique index and then
   * reads the winner's row instead of failing.
   */
  async insertOrGet(values: NewRender, manager: EntityManager): Promise<Render> {
    await manager.query(
      `INSERT INTO renders (institution_id, cache_key, image_template_id, storage_key, public_token,
                            mime_type, width, height, byte_size, alt_text, media_asset_ids, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT uq_renders_cache_key DO NOTHING`,
      [
        values.institutionId,
        values.cacheKey,
        values.imageTemplateId,
        values.storageKey,
        values.publicToken,
        values.mimeType,
        values.width,
        values.height,
        values.byteSize,
        values.altText,
        values.mediaAssetIds,
        values.createdAt,
      ],
    );
    return manager.findOneByOrFail(Render, {
      institutionId: values.institutionId,
      cacheKey: values.cacheKey,
    });
  }

  /**
   * Transaction-scoped locks on storage keys, in sorted order, under the same names the media
   * library uses: a clean-up never deletes a file another transaction is about to reference.
   */
  async lockStorageKeys(keys: readonly string[], manager: EntityManager): Promise<void> {
    for (const key of [...new Set(keys)].sort()) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`karya-media:${key}`]);
    }
  }

  isStorageKeyReferenced(key: string, manager: EntityManager): Promise<boolean> {
    return manager.exists(Render, { where: { storageKey: key } });
  }

  /** The institution's photos among `ids` (others' are simply absent). */
  findPhotos(
    institutionId: string,
    ids: readonly string[],
    manager: EntityManager,
  ): Promise<MediaAsset[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.findBy(MediaAsset, { institutionId, id: In([...ids]) });
  }
}
