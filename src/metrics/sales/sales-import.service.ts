import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError, type LocalizedText } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { localDateOf } from '../../calendar/local-time';
import type { UploadedBinary } from '../../media/upload.interceptor';
import { readSalesCsv, type SalesError, type SalesRow } from './sales-file';
import {
  type SalesImportResponse,
  type SalesSource,
  toSalesImportResponse,
} from './sales-import.dto';
import { type ProductSalesDay, SalesImportRepository } from './sales-import.repository';

const MAX_ERRORS = 200;
export const SALES_AUDIT_TYPE = 'sales_import';

/**
 * Imports one month of sales of one source (a marketplace shop, the gallery, an exhibition).
 * Every row is checked before anything is written; the file imports whole or not at all. A
 * file covers exactly one month, and importing a month and source again replaces what the
 * earlier import of that month and source held (the response names the import it replaced).
 */
@Injectable()
export class SalesImportService {
  constructor(
    private readonly repository: SalesImportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async upload(
    scope: RequestScope,
    file: UploadedBinary | undefined,
    source: SalesSource,
  ): Promise<SalesImportResponse> {
    const institutionId = scope.requireInstitution();
    if (!file || file.size === 0) {
      throw AppError.validation('file', {
        id: "Kirim berkas penjualan (CSV) di kolom 'file'",
        en: "Send the sales file (CSV) in the 'file' field",
      });
    }
    const read = await readSalesCsv(file.buffer);
    const errors = [...read.errors];
    if (errors.length === 0 && read.rows.length === 0) {
      errors.push({ row: 0, column: null, message: NO_ROWS });
    }
    const month = read.rows[0]?.date.slice(0, 7) ?? '';
    const today = localDateOf(this.clock.now(), 'Asia/Jakarta');
    const products = await this.repository.productsBySku(institutionId, [
      ...new Set(read.rows.map((r) => r.sku)),
    ]);
    for (const row of read.rows) errors.push(...checkRow(row, month, today, products));
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      throw AppError.validation(
        'file',
        {
          id: `Penjualan tidak diimpor: ${errors.length} kesalahan; tidak ada yang disimpan`,
          en: `The sales were not imported: ${errors.length} errors; nothing was stored`,
        },
        errors.slice(0, MAX_ERRORS),
      );
    }
    const days = byProductAndDay(read.rows, products);
    const stored = await this.repository.transaction(async (manager) => {
      const replaced = await this.repository.currentImport(manager, institutionId, source, month);
      await this.repository.deleteMonth(manager, institutionId, source, month);
      const created = await this.repository.insertImport(manager, {
        institutionId,
        source,
        month,
        fileName: file.originalname.slice(0, 255),
        rowCount: read.rows.length,
        quantity: days.reduce((s, d) => s + d.quantity, 0),
        revenueIdr: days.reduce((s, d) => s + d.revenueIdr, 0),
        replacedImportId: replaced?.id ?? null,
        createdBy: scope.user.id,
      });
      await this.repository.insertSales(manager, institutionId, source, created.id, days);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: replaced ? 'update' : 'create',
          entityType: SALES_AUDIT_TYPE,
          entityId: created.id,
          before: replaced ? toSalesImportResponse(replaced) : undefined,
          after: toSalesImportResponse(created),
        },
        manager,
      );
      return created;
    });
    return toSalesImportResponse(stored);
  }

  async list(scope: RequestScope, month: string | undefined): Promise<SalesImportResponse[]> {
    const rows = await this.repository.list(scope.requireInstitution(), month ?? null);
    return rows.map(toSalesImportResponse);
  }
}

function checkRow(
  row: SalesRow,
  month: string,
  today: string,
  products: ReadonlyMap<string, string>,
): SalesError[] {
  const errors: SalesError[] = [];
  if (!products.has(row.sku)) {
    errors.push({
      row: row.row,
      column: 'sku',
      message: {
        id: `SKU ${row.sku} tidak ada di katalog lembaga ini`,
        en: `SKU ${row.sku} is not in this institution's catalogue`,
      },
    });
  }
  if (row.date.slice(0, 7) !== month) {
    errors.push({
      row: row.row,
      column: 'date',
      message: {
        id: `Satu berkas berisi satu bulan (${month}); tanggal ${row.date} di luar bulan itu`,
        en: `One file holds one month (${month}); ${row.date} is outside it`,
      },
    });
  } else if (row.date > today) {
    errors.push({
      row: row.row,
      column: 'date',
      message: { id: `Tanggal ${row.date} belum tiba`, en: `${row.date} is in the future` },
    });
  }
  return errors;
}

/** Rows of the same product and day (one per order in marketplace exports) are summed. */
function byProductAndDay(
  rows: readonly SalesRow[],
  products: ReadonlyMap<string, string>,
): ProductSalesDay[] {
  const days = new Map<string, ProductSalesDay>();
  for (const row of rows) {
    const productId = products.get(row.sku)!;
    const key = `${productId}|${row.date}`;
    const day = days.get(key) ?? { productId, day: row.date, quantity: 0, revenueIdr: 0 };
    day.quantity += row.quantity;
    day.revenueIdr += row.revenueIdr;
    days.set(key, day);
  }
  return [...days.values()];
}

const NO_ROWS: LocalizedText = {
  id: 'Berkas tidak berisi satu baris penjualan pun',
  en: 'The file holds no sales rows',
};
