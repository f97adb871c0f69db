import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SocialNetwork } from '../../content/rendering/template';
import { IcsFeedToken } from '../ics/ics-feed.entity';
import { PlanImport } from './plan-import.entity';

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
  status: string;
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface PhotoRef {
  id: string;
  productId: string | null;
  originalFilename: string;
}

/** One planned post with what the export, copy and feed need. */
export interface PlannedPost {
  id: string;
  title: string;
  status: string;
  plannedAt: Date;
  productId: string | null;
  productName: string | null;
  sku: string | null;
  workshopName: string | null;
  templateKey: string | null;
  captionTemplateName: string | null;
  networks: SocialNetwork[];
  targets: { id: string; network: SocialNetwork; status: string }[];
  captions: Partial<Record<SocialNetwork, string>>;
  mediaAssetIds: string[];
}

export interface CountRow {
  key: string | null;
  label: string | null;
  count: number;
}

const PLANNED_SELECT = `
  SELECT p.id, p.title, p.status, p.planned_at AS "plannedAt", p.product_id AS "productId",
    pr.name AS "productName", pr.sku, w.name AS "workshopName", it.key AS "templateKey",
    ct.name AS "captionTemplateName",
    COALESCE((SELECT json_agg(json_build_object('id', t.id, 'network', t.network, 'status', t.status)
      ORDER BY t.network) FROM post_targets t WHERE t.post_id = p.id), '[]') AS targets,
    COALESCE((SELECT json_object_agg(v.network, v.caption) FROM post_variants v
      WHERE v.post_id = p.id), '{}') AS captions,
    COALESCE((SELECT json_agg(m.media_asset_id ORDER BY m.position) FROM post_media m
      WHERE m.post_id = p.id), '[]') AS "mediaAssetIds"
  FROM posts p
  LEFT JOIN products pr ON pr.id = p.product_id
  LEFT JOIN workshops w ON w.id = pr.workshop_id
  LEFT JOIN image_templates it ON it.id = p.image_template_id
  LEFT JOIN caption_templates ct ON ct.id = p.caption_template_id`;

/** Reads and writes of the planning features (import, export, copy, summary, feeds). */
@Injectable()
export class PlanningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async timeZoneOf(institutionId: string): Promise<{ name: string; timeZone: string } | null> {
    const rows: { name: string; timeZone: string }[] = await this.dataSource.query(
      `SELECT name, time_zone AS "timeZone" FROM institutions WHERE id = $1`,
      [institutionId],
    );
    return rows[0] ?? null;
  }

  async productsBySku(institutionId: string, skus: readonly string[]): Promise<ProductRef[]> {
    return this.dataSource.query(
      `SELECT id, sku, name, status FROM products WHERE institution_id = $1 AND sku = ANY($2)`,
      [institutionId, skus],
    );
  }

  /** The first connected account per network (oldest first), the import's target. */
  async firstAccounts(institutionId: string): Promise<Map<SocialNetwork, string>> {
    const rows: { id: string; network: SocialNetwork }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (network) id, network FROM social_accounts
       WHERE institution_id = $1 AND status = 'connected' ORDER BY network, created_at, id`,
      [institutionId],
    );
    return new Map(rows.map((r) => [r.network, r.id]));
  }

  /** The latest version of each image template key the institution can use (its own first). */
  async templatesByKey(
    institutionId: string,
    keys: readonly string[],
  ): Promise<Map<string, string>> {
    const rows: { id: string; key: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (key) id, key FROM image_templates
       WHERE key = ANY($2) AND (institution_id = $1 OR institution_id IS NULL)
       ORDER BY key, (institution_id IS NULL), version DESC`,
      [institutionId, keys],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async captionTemplatesByName(
    institutionId: string,
    names: readonly string[],
  ): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (lower(name)) id, name FROM caption_templates
       WHERE institution_id = $1 AND lower(name) = ANY($2) ORDER BY lower(name), created_at`,
      [institutionId, names.map((n) => n.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
  }

  /** Photos referenced by id, or by original file name among the given products' photos. */
  async photos(
    institutionId: string,
    ids: readonly string[],
    productIds: readonly string[],
    filenames: readonly string[],
  ): Promise<PhotoRef[]> {
    return this.dataSource.query(
      `SELECT id, product_id AS "productId", original_filename AS "originalFilename"
       FROM media_assets WHERE institution_id = $1
         AND (id = ANY($2::uuid[]) OR (product_id = ANY($3::uuid[]) AND original_filename = ANY($4)))
       ORDER BY created_at DESC, id`,
      [institutionId, ids, productIds, filenames],
    );
  }

  /** Posts planned in [from, to); cancelled ones only when asked. */
  async plannedPosts(
    institutionId: string,
    from: Date,
    to: Date,
    withCancelled = false,
  ): Promise<PlannedPost[]> {
    const rows: PlannedPost[] = await this.dataSource.query(
      `${PLANNED_SELECT}
       WHERE p.institution_id = $1 AND p.planned_at >= $2 AND p.planned_at < $3
         AND ($4 OR p.status <> 'cancelled')
       ORDER BY p.planned_at, p.id`,
      [institutionId, from, to, withCancelled],
    );
    return rows.map((r) => ({
      ...r,
      plannedAt: new Date(r.plannedAt),
      networks: r.targets.map((t) => t.network),
    }));
  }

  async countBy(
    institutionId: string,
    from: Date,
    to: Date,
    by: 'workshop' | 'product' | 'network',
  ): Promise<CountRow[]> {
    const group = {
      workshop: { key: 'w.id', label: 'w.name', join: '' },
      product: { key: 'pr.id', label: 'pr.name', join: '' },
      network: {
        key: 't.network',
        label: 't.network',
        join: `JOIN post_targets t ON t.post_id = p.id AND t.status <> 'cancelled'`,
      },
    }[by];
    const rows: { key: string | null; label: string | null; count: string }[] =
      await this.dataSource.query(
        `SELECT ${group.key}::text AS key, ${group.label} AS label, count(DISTINCT p.id) AS count
         FROM posts p
         LEFT JOIN products pr ON pr.id = p.product_id
         LEFT JOIN workshops w ON w.id = pr.workshop_id
         ${group.join}
         WHERE p.institution_id = $1 AND p.planned_at >= $2 AND p.planned_at < $3
           AND p.status <> 'cancelled'
         GROUP BY 1, 2 ORDER BY count(DISTINCT p.id) DESC, 2`,
        [institutionId, from, to],
      );
    return rows.map((r) => ({ key: r.key, label: r.label, count: Number(r.count) }));
  }

  /** Active products with no post planned or published since `since` (or never). */
  async quietProducts(
    institutionId: string,
    since: Date,
  ): Promise<{ id: string; sku: string; name: string; lastPlannedAt: Date | null }[]> {
    const rows: { id: string; sku: string; name: string; last: string | null }[] =
      await this.dataSource.query(
        `SELECT pr.id, pr.sku, pr.name, max(COALESCE(t.published_at, p.planned_at)) AS last
         FROM products pr
         LEFT JOIN posts p ON p.product_id = pr.id AND p.status <> 'cancelled'
         LEFT JOIN post_targets t ON t.post_id = p.id AND t.published_at IS NOT NULL
         WHERE pr.institution_id = $1 AND pr.status = 'active'
         GROUP BY pr.id, pr.sku, pr.name
         HAVING max(COALESCE(t.published_at, p.planned_at)) IS NULL
             OR max(COALESCE(t.published_at, p.planned_at)) < $2
         ORDER BY pr.name`,
        [institutionId, since],
      );
    return rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      name: r.name,
      lastPlannedAt: r.last ? new Date(r.last) : null,
    }));
  }

  async insertImport(values: Partial<PlanImport>): Promise<PlanImport> {
    const repo = this.dataSource.getRepository(PlanImport);
    return repo.save(repo.create(values));
  }

  async updateImport(id: string, changes: Partial<PlanImport>, manager?: EntityManager) {
    await (manager ?? this.dataSource.manager).update(PlanImport, { id }, changes);
  }

  async findImport(id: string, institutionFilter: string | null): Promise<PlanImport | null> {
    return this.dataSource.getRepository(PlanImport).findOne({
      where: institutionFilter ? { id, institutionId: institutionFilter } : { id },
    });
  }

  /** Revokes the user's live tokens and stores the new one, atomically. */
  async replaceFeedToken(manager: EntityManager, userId: string, tokenHash: string, now: Date) {
    await this.revokeFeedTokens(manager, userId, now);
    await manager.insert(IcsFeedToken, { userId, tokenHash, revokedAt: null });
  }

  async revokeFeedTokens(manager: EntityManager, userId: string, now: Date): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(IcsFeedToken)
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }

  /** The institution behind a live token of an active user, or null. */
  async feedOwner(tokenHash: string): Promise<{ userId: string; institutionId: string } | null> {
    const rows: { userId: string; institutionId: string }[] = await this.dataSource.query(
      `SELECT u.id AS "userId", u.institution_id AS "institutionId"
       FROM ics_feeds f JOIN users u ON u.id = f.user_id
       WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.is_active
         AND u.institution_id IS NOT NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }
}
