import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PublicInstitution {
  id: string;
  name: string;
  slug: string;
  region: string;
  brandPrimary: string;
  brandText: string;
}

export interface PublicProduct {
  id: string;
  name: string;
  description: string;
  priceRupiah: number;
  workshopId: string;
  workshopName: string;
  workshopDescription: string;
  updatedAt: Date;
}

export interface PublicPhoto {
  id: string;
  productId: string;
  altText: string;
}

export interface PhotoFile {
  storageKey: string;
  thumbnailKey: string;
  mimeType: string;
}

export interface SitemapRow {
  slug: string;
  productId: string;
  productName: string;
  updatedAt: Date;
}

interface ProductRow {
  id: string;
  name: string;
  description: string;
  price_rupiah: string;
  workshop_id: string;
  workshop_name: string;
  workshop_description: string;
  updated_at: Date;
}

const PRODUCT_COLUMNS = `p.id, p.name, p.description, p.price_rupiah, p.updated_at,
  w.id AS workshop_id, w.name AS workshop_name, w.description AS workshop_description`;

function toProduct(row: ProductRow): PublicProduct {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    priceRupiah: Number(row.price_rupiah),
    workshopId: row.workshop_id,
    workshopName: row.workshop_name,
    workshopDescription: row.workshop_description,
    updatedAt: new Date(row.updated_at),
  };
}

/** The public catalogue's reads: active products only, never another institution's rows. */
@Injectable()
export class PublicCatalogueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async institutionBySlug(slug: string): Promise<PublicInstitution | null> {
    const rows: {
      id: string;
      name: string;
      slug: string;
      region: string;
      brand_primary: string;
      brand_text: string;
    }[] = await this.dataSource.query(
      `SELECT id, name, slug, region, brand_primary, brand_text FROM institutions WHERE slug = $1`,
      [slug],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          name: row.name,
          slug: row.slug,
          region: row.region,
          brandPrimary: row.brand_primary,
          brandText: row.brand_text,
        }
      : null;
  }

  /** Active products, by workshop name then product name. */
  async activeProducts(institutionId: string): Promise<PublicProduct[]> {
    const rows: ProductRow[] = await this.dataSource.query(
      `SELECT ${PRODUCT_COLUMNS}
       FROM products p JOIN workshops w ON w.id = p.workshop_id
       WHERE p.institution_id = $1 AND p.status = 'active'
       ORDER BY w.name, w.id, p.name, p.id`,
      [institutionId],
    );
    return rows.map(toProduct);
  }

  async activeProduct(institutionId: string, productId: string): Promise<PublicProduct | null> {
    const rows: ProductRow[] = await this.dataSource.query(
      `SELECT ${PRODUCT_COLUMNS}
       FROM products p JOIN workshops w ON w.id = p.workshop_id
       WHERE p.institution_id = $1 AND p.id = $2 AND p.status = 'active'`,
      [institutionId, productId],
    );
    return rows[0] ? toProduct(rows[0]) : null;
  }

  /** The products' photos, oldest first (the first one uploaded leads). Not yet clearance-checked. */
  async photos(institutionId: string, productIds: readonly string[]): Promise<PublicPhoto[]> {
    if (productIds.length === 0) return [];
    const rows: { id: string; product_id: string; alt_text: string }[] =
      await this.dataSource.query(
        `SELECT id, product_id, alt_text FROM media_assets
         WHERE institution_id = $1 AND product_id = ANY($2::uuid[])
         ORDER BY created_at, id`,
        [institutionId, [...productIds]],
      );
    return rows.map((r) => ({ id: r.id, productId: r.product_id, altText: r.alt_text }));
  }

  /** A photo of an active product of the institution; clearance is the caller's check. */
  async photoFile(institutionId: string, mediaAssetId: string): Promise<PhotoFile | null> {
    const rows: { storage_key: string; thumbnail_key: string; mime_type: string }[] =
      await this.dataSource.query(
        `SELECT m.storage_key, m.thumbnail_key, m.mime_type
         FROM media_assets m JOIN products p ON p.id = m.product_id
         WHERE m.id = $1 AND m.institution_id = $2 AND p.status = 'active'`,
        [mediaAssetId, institutionId],
      );
    const row = rows[0];
    return row
      ? { storageKey: row.storage_key, thumbnailKey: row.thumbnail_key, mimeType: row.mime_type }
      : null;
  }

  /** Every institution with an active product, and those products. */
  async sitemap(): Promise<SitemapRow[]> {
    const rows: {
      slug: string;
      product_id: string;
      product_name: string;
      updated_at: Date;
    }[] = await this.dataSource.query(
      `SELECT i.slug, p.id AS product_id, p.name AS product_name, p.updated_at
       FROM institutions i JOIN products p ON p.institution_id = i.id AND p.status = 'active'
       ORDER BY i.slug, p.name, p.id`,
    );
    return rows.map((r) => ({
      slug: r.slug,
      productId: r.product_id,
      productName: r.product_name,
      updatedAt: new Date(r.updated_at),
    }));
  }
}
