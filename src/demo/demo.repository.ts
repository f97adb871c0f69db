import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async institutionCount(): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM institutions',
    );
    return Number(rows[0].count);
  }

  async institutionIdBySlug(slug: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM institutions WHERE slug = $1',
      [slug],
    );
    return rows[0]?.id ?? null;
  }

  /** Products of the institution that have no photo yet, by SKU. */
  async productsWithoutPhotos(institutionId: string): Promise<{ id: string; sku: string }[]> {
    return this.dataSource.query(
      `SELECT p.id, p.sku FROM products p
        WHERE p.institution_id = $1
          AND NOT EXISTS (SELECT 1 FROM media_assets m WHERE m.product_id = p.id)`,
      [institutionId],
    );
  }
}
