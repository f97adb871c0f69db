/**
 * Shared set-up for the calendar planning tests: the posts world (product, accounts per
 * network, NOW = 10 March 2026 09:00 WIB) plus the product's SKU and a CSV builder.
 */
import type { TestApp } from '../support/app';
import { buildPostWorld, headers, type PostWorld } from './posts-fixtures';

export interface PlanWorld extends PostWorld {
  sku: string;
}

export async function buildPlanWorld(t: TestApp): Promise<PlanWorld> {
  const w = await buildPostWorld(t);
  const rows: { sku: string }[] = await t.dataSource.query(
    `SELECT sku FROM products WHERE id = $1`,
    [w.productId],
  );
  return { ...w, sku: rows[0].sku };
}

export const HEADER = 'tanggal,jam,sku,jaringan,templat,caption,templat_caption,foto';

export function csv(lines: readonly string[], header = HEADER): Buffer {
  return Buffer.from([header, ...lines].join('\r\n') + '\r\n', 'utf8');
}

export function importFile(t: TestApp, w: PostWorld, file: Buffer, name = 'rencana.csv') {
  return t.http().post('/api/calendar/import').set(headers(w.staff)).attach('file', file, name);
}

export async function postsOf(t: TestApp, institutionId: string) {
  const rows: {
    id: string;
    status: string;
    plannedAt: Date;
    productId: string;
    networks: string[];
    captions: string[];
  }[] = await t.dataSource.query(
    `SELECT p.id, p.status, p.planned_at AS "plannedAt", p.product_id AS "productId",
       ARRAY(SELECT network FROM post_targets t WHERE t.post_id = p.id ORDER BY network) AS networks,
       ARRAY(SELECT caption FROM post_variants v WHERE v.post_id = p.id ORDER BY network) AS captions
     FROM posts p WHERE p.institution_id = $1 ORDER BY p.planned_at, p.id`,
    [institutionId],
  );
  return rows.map((r) => ({ ...r, plannedAt: new Date(r.plannedAt).toISOString() }));
}
