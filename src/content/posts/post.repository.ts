import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MediaAsset } from '../../media/media-asset.entity';
import type { SocialNetwork } from '../rendering/template';
import {
  DignityOverride,
  Post,
  PostComment,
  PostCommentKind,
  PostMedia,
  PostTarget,
  PostVariant,
} from './post.entity';
import type { PostStatus } from './post-status';

export type NewPost = Omit<Post, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
export type PostChanges = Partial<Omit<Post, 'id' | 'institutionId' | 'createdAt' | 'updatedAt'>>;

export interface PostListFilter {
  /** null = every institution (national roles). */
  institutionId: string | null;
  status?: PostStatus;
  productId?: string;
  network?: SocialNetwork;
  from?: Date;
  to?: Date;
}

/** What captions and image texts need from the catalogue, in one read. */
export interface ProductContext {
  id: string;
  name: string;
  priceRupiah: number;
  sku: string;
  description: string;
  status: 'active' | 'archived';
  workshopName: string;
  /** The first marketplace link; the Metrics issue swaps in tracked links. */
  link: string | null;
}

export interface VariantValues {
  network: SocialNetwork;
  caption: string;
  renderIds: string[];
}

/** Target columns Content sets; Publishing owns the rest. */
export type TargetChanges = Partial<Pick<PostTarget, 'status' | 'plannedAt' | 'nextAttemptAt'>>;

/** Statuses of targets that have not reached a platform and are not in flight. */
const OPEN_TARGETS = ['pending', 'retry_waiting', 'failed', 'cancelled'];

@Injectable()
export class PostRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, values: NewPost): Promise<Post> {
    return manager.save(Post, manager.create(Post, { ...values, version: 1 }));
  }

  /** Applies the changes and bumps the version: every change makes older edits stale. */
  async update(manager: EntityManager, post: Post, changes: PostChanges): Promise<Post> {
    await manager.update(
      Post,
      { id: post.id },
      { ...changes, version: post.version + 1, updatedAt: () => 'now()' },
    );
    return manager.findOneOrFail(Post, { where: { id: post.id } });
  }

  async findVisible(
    id: string,
    institutionId: string | null,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Post | null> {
    return manager.findOne(Post, {
      where: institutionId === null ? { id } : { id, institutionId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async list(filter: PostListFilter, offset: number, limit: number): Promise<[Post[], number]> {
    const query = this.dataSource.getRepository(Post).createQueryBuilder('p');
    if (filter.institutionId !== null) {
      query.andWhere('p.institution_id = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.productId) {
      query.andWhere('p.product_id = :productId', { productId: filter.productId });
    }
    if (filter.network) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM post_variants v WHERE v.post_id = p.id AND v.network = :network)',
        { network: filter.network },
      );
    }
    if (filter.from) query.andWhere('p.planned_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('p.planned_at < :to', { to: filter.to });
    return query
      .orderBy('p.planned_at', 'ASC', 'NULLS LAST')
      .addOrderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  async mediaOf(postIds: readonly string[], manager = this.dataSource.manager) {
    if (postIds.length === 0) return [];
    return manager.find(PostMedia, {
      where: { postId: In([...postIds]) },
      order: { position: 'ASC' },
    });
  }

  async variantsOf(postIds: readonly string[], manager = this.dataSource.manager) {
    if (postIds.length === 0) return [];
    return manager.find(PostVariant, {
      where: { postId: In([...postIds]) },
      order: { network: 'ASC' },
    });
  }

  async targetsOf(postIds: readonly string[], manager = this.dataSource.manager) {
    if (postIds.length === 0) return [];
    return manager.find(PostTarget, {
      where: { postId: In([...postIds]) },
      order: { network: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  async commentsOf(postId: string, manager = this.dataSource.manager): Promise<PostComment[]> {
    return manager.find(PostComment, { where: { postId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async overridesOf(postId: string, manager = this.dataSource.manager) {
    return manager.find(DignityOverride, {
      where: { postId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The lock a post_media row takes on its photo, taken now, in id order. */
  async keySharePhotos(manager: EntityManager, mediaAssetIds: readonly string[]): Promise<void> {
    if (mediaAssetIds.length === 0) return;
    await manager.query(
      `SELECT id FROM media_assets WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`,
      [[...mediaAssetIds]],
    );
  }

  async replaceMedia(manager: EntityManager, post: Post, mediaAssetIds: readonly string[]) {
    await manager.delete(PostMedia, { postId: post.id });
    if (mediaAssetIds.length === 0) return;
    await manager.insert(
      PostMedia,
      mediaAssetIds.map((mediaAssetId, position) => ({
        postId: post.id,
        institutionId: post.institutionId,
        position,
        mediaAssetId,
      })),
    );
  }

  /** Makes the variants exactly `wanted` (one per network), keeping the rows' ids. */
  async syncVariants(manager: EntityManager, post: Post, wanted: readonly VariantValues[]) {
    const networks = wanted.map((v) => v.network);
    const existing = await this.variantsOf([post.id], manager);
    const gone = existing.filter((v) => !networks.includes(v.network)).map((v) => v.id);
    if (gone.length > 0) await manager.delete(PostVariant, { id: In(gone) });
    for (const variant of wanted) {
      const row = existing.find((v) => v.network === variant.network);
      if (row) {
        if (row.caption === variant.caption && sameIds(row.renderIds, variant.renderIds)) continue;
        await manager.update(
          PostVariant,
          { id: row.id },
          { caption: variant.caption, renderIds: variant.renderIds, updatedAt: () => 'now()' },
        );
      } else {
        await manager.insert(PostVariant, {
          ...variant,
          postId: post.id,
          institutionId: post.institutionId,
        });
      }
    }
  }

  /** One target per account; targets of accounts no longer wanted are removed. */
  async syncTargets(
    manager: EntityManager,
    post: Post,
    accounts: readonly { id: string; network: SocialNetwork }[],
  ): Promise<void> {
    const existing = await this.targetsOf([post.id], manager);
    const wanted = new Set(accounts.map((a) => a.id));
    const gone = existing.filter((t) => !wanted.has(t.socialAccountId)).map((t) => t.id);
    if (gone.length > 0) await manager.delete(PostTarget, { id: In(gone) });
    const have = new Set(existing.map((t) => t.socialAccountId));
    const added = accounts.filter((a) => !have.has(a.id));
    if (added.length === 0) return;
    await manager.insert(
      PostTarget,
      added.map((account) => ({
        postId: post.id,
        institutionId: post.institutionId,
        socialAccountId: account.id,
        network: account.network,
        status: 'pending' as const,
        plannedAt: null,
        nextAttemptAt: null,
      })),
    );
  }

  /** Changes every target that is not published or in flight. */
  async updateOpenTargets(manager: EntityManager, postId: string, changes: TargetChanges) {
    await manager.update(
      PostTarget,
      { postId, status: In(OPEN_TARGETS) },
      { ...changes, updatedAt: () => 'now()' },
    );
  }

  async insertComment(
    manager: EntityManager,
    post: Post,
    authorId: string,
    kind: PostCommentKind,
    body: string,
  ): Promise<PostComment> {
    return manager.save(
      PostComment,
      manager.create(PostComment, {
        postId: post.id,
        institutionId: post.institutionId,
        authorId,
        kind,
        body,
      }),
    );
  }

  async insertOverride(
    manager: EntityManager,
    values: Omit<DignityOverride, 'id' | 'createdAt'>,
  ): Promise<DignityOverride> {
    return manager.save(DignityOverride, manager.create(DignityOverride, values));
  }

  /** The posts in `statuses` matching `where`, locked for the caller's transaction. */
  async lockPostsOfProduct(manager: EntityManager, productId: string, statuses: string[]) {
    return manager.find(Post, {
      where: { productId, status: In(statuses) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async lockPostsUsingMedia(
    manager: EntityManager,
    mediaIds: readonly string[],
    statuses: string[],
  ) {
    const ids = await this.postIdsUsingMedia(manager, mediaIds);
    if (ids.length === 0) return [];
    return manager.find(Post, {
      where: { id: In(ids), status: In(statuses) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** (photo, post) pairs for every post that used one of the photos, whatever its status. */
  async mediaUses(manager: EntityManager, mediaIds: readonly string[]) {
    if (mediaIds.length === 0) return [];
    return manager.find(PostMedia, {
      where: { mediaAssetId: In([...mediaIds]) },
      order: { mediaAssetId: 'ASC', postId: 'ASC' },
    });
  }

  /**
   * Names the posts on a takedown task's photo items: the photo's own item takes its first post,
   * further posts get an item of their own for the same photo.
   */
  async linkTakedownItems(
    manager: EntityManager,
    taskId: string,
    uses: readonly { mediaAssetId: string; postId: string }[],
  ): Promise<void> {
    for (const use of uses) {
      const free: { id: string }[] = await manager.query(
        `SELECT id FROM takedown_task_items
         WHERE task_id = $1 AND media_asset_id = $2 AND post_id IS NULL
         ORDER BY created_at, id LIMIT 1`,
        [taskId, use.mediaAssetId],
      );
      if (free[0]) {
        await manager.query(`UPDATE takedown_task_items SET post_id = $2 WHERE id = $1`, [
          free[0].id,
          use.postId,
        ]);
      } else {
        await manager.query(
          `INSERT INTO takedown_task_items (task_id, media_asset_id, post_id) VALUES ($1, $2, $3)`,
          [taskId, use.mediaAssetId, use.postId],
        );
      }
    }
  }

  async productContext(
    institutionId: string,
    productId: string,
    manager = this.dataSource.manager,
  ): Promise<ProductContext | null> {
    const rows: {
      id: string;
      name: string;
      price_rupiah: string;
      sku: string;
      description: string;
      status: 'active' | 'archived';
      workshop_name: string;
      link: string | null;
    }[] = await manager.query(
      `SELECT p.id, p.name, p.price_rupiah, p.sku, p.description, p.status, w.name AS workshop_name,
              (SELECT l.url FROM product_marketplace_links l WHERE l.product_id = p.id
               ORDER BY l.created_at, l.url LIMIT 1) AS link
       FROM products p JOIN workshops w ON w.id = p.workshop_id
       WHERE p.id = $1 AND p.institution_id = $2`,
      [productId, institutionId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      priceRupiah: Number(row.price_rupiah),
      sku: row.sku,
      description: row.description,
      status: row.status,
      workshopName: row.workshop_name,
      link: row.link,
    };
  }

  async productNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM products WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The institution's photos among `ids` (format and size, for the network image rules). */
  async photos(institutionId: string, ids: readonly string[], manager = this.dataSource.manager) {
    if (ids.length === 0) return [];
    return manager.find(MediaAsset, { where: { institutionId, id: In([...ids]) } });
  }

  private async postIdsUsingMedia(manager: EntityManager, mediaIds: readonly string[]) {
    const uses = await this.mediaUses(manager, mediaIds);
    return [...new Set(uses.map((u) => u.postId))];
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
