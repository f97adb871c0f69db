import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SalesSource } from './sales-import.dto';

export interface SalesImportRow {
  id: string;
  institutionId: string;
  source: SalesSource;
  month: string;
  fileName: string;
  rowCount: number;
  quantity: number;
  revenueIdr: number;
  replacedImportId: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface ProductSalesDay {
  productId: string;
  day: string;
  quantity: number;
  revenueIdr: number;
}

const IMPORT_COLUMNS = `id, institution_id AS "institutionId", source, to_char(month, 'YYYY-MM') AS month,
  file_name AS "fileName", row_count AS "rowCount", quantity::float8 AS quantity,
  revenue_idr::float8 AS "revenueIdr", replaced_import_id AS "replacedImportId",
  created_by AS "createdBy", created_at AS "createdAt"`;

/** Sales imports and the per product and day figures they hold. */
@Injectable()
export class SalesImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** SKU → product id for the given SKUs of one institution (archived products included). */
  async productsBySku(institutionId: string, skus: string[]): Promise<Map<string, string>> {
    const rows: { id: string; sku: string }[] = await this.dataSource.query(
      `SELECT id, sku FROM products WHERE institution_id = $1 AND sku = ANY($2::text[])`,
      [institutionId, skus],
    );
    return new Map(rows.map((r) => [r.sku, r.id]));
  }

  /** The import currently in force for a month and source, locked against a parallel import. */
  async currentImport(
    manager: EntityManager,
    institutionId: string,
    source: SalesSource,
    month: string,
  ): Promise<SalesImportRow | null> {
    const rows: SalesImportRow[] = await manager.query(
      `SELECT ${IMPORT_COLUMNS} FROM sales_imports
       WHERE institution_id = $1 AND source = $2 AND month = $3::date
       ORDER BY created_at DESC, id LIMIT 1 FOR UPDATE`,
      [institutionId, source, `${month}-01`],
    );
    return rows[0] ?? null;
  }

  /** Takes a month's figures of one source out (the rollups follow by trigger). */
  async deleteMonth(
    manager: EntityManager,
    institutionId: string,
    source: SalesSource,
    month: string,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM product_sales WHERE institution_id = $1 AND source = $2
         AND day >= $3::date AND day < ($3::date + interval '1 month')`,
      [institutionId, source, `${month}-01`],
    );
  }

  async insertImport(
    manager: EntityManager,
    row: Omit<SalesImportRow, 'id' | 'createdAt'>,
  ): Promise<SalesImportRow> {
    const rows: SalesImportRow[] = await manager.query(
      `INSERT INTO sales_imports (institution_id, source, month, file_name, row_count, quantity,
         revenue_idr, replaced_import_id, created_by)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9) RETURNING ${IMPORT_COLUMNS}`,
      [
        row.institutionId,
        row.source,
        `${row.month}-01`,
        row.fileName,
        row.rowCount,
        row.quantity,
        row.revenueIdr,
        row.replacedImportId,
        row.createdBy,
      ],
    );
    return rows[0];
  }

  async insertSales(
    manager: EntityManager,
    institutionId: string,
    source: SalesSource,
    importId: string,
    days: ProductSalesDay[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO product_sales (institution_id, product_id, day, source, quantity, revenue_idr, import_id)
       SELECT $1, d.product_id, d.day, $2, d.quantity, d.revenue_idr, $3
       FROM unnest($4::uuid[], $5::date[], $6::bigint[], $7::bigint[])
         AS d (product_id, day, quantity, revenue_idr)`,
      [
        institutionId,
        source,
        importId,
        days.map((d) => d.productId),
        days.map((d) => d.day),
        days.map((d) => d.quantity),
        days.map((d) => d.revenueIdr),
      ],
    );
  }

  async list(institutionId: string, month: string | null): Promise<SalesImportRow[]> {
    return this.dataSource.query(
      `SELECT ${IMPORT_COLUMNS} FROM sales_imports
       WHERE institution_id = $1 AND ($2::date IS NULL OR month = $2::date)
       ORDER BY month DESC, created_at DESC, id LIMIT 200`,
      [institutionId, month === null ? null : `${month}-01`],
    );
  }
}
