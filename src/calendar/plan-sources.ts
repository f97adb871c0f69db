/**
 * Where plan-file.ts gets its records from: CSV (delimiter sniffed from the header line,
 * streamed through csv-parse) or the first visible sheet of an XLSX workbook (exceljs). A
 * record is one spreadsheet row: its row number as Excel shows it and its cells.
 *
 *   csvRecords(input): AsyncGenerator<SourceRecord>
 *   xlsxRecords(input): AsyncGenerator<SourceRecord>
 *   detectDelimiter(firstLine): ',' | ';' | '\t'
 *
 * An unreadable file (broken quoting, not a workbook) throws FileUnreadable with a message.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { LocalizedText } from '../common/app-error';
import type { PlanCell } from './plan-values';

export interface SourceRecord {
  row: number;
  cells: PlanCell[];
  fraction?: number;
}

export class FileUnreadable extends Error {
  constructor(readonly text: LocalizedText) {
    super(text.en);
  }
}

/** The delimiter used most often outside quotes in the header line; "," if none. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) =>
    counts[b] > counts[a] ? b : a,
  );
  return counts[best] > 0 ? best : ',';
}

export async function* csvRecords(
  input: Buffer | string | AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SourceRecord> {
  const bytes = typeof input === 'string' || Buffer.isBuffer(input) ? toUtf8(input) : null;
  const chunks = bytes ? sliced(bytes) : utf8Chunks(input as AsyncIterable<Uint8Array | string>);
  const total = bytes?.length;
  const iterator = chunks[Symbol.asyncIterator]();
  // Read up to the first line break to choose the delimiter before parsing starts.
  const head: Buffer[] = [];
  while (!head.some((chunk) => chunk.includes(0x0a))) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  const headText = Buffer.concat(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const parser = parse({
    bom: true,
    delimiter: detectDelimiter(headText.split(/\r?\n/, 1)[0]),
    relax_column_count: true,
    // A stray " inside an unquoted caption (12" frame) is text, not a syntax error.
    relax_quotes: true,
    info: true,
  });
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  };
  let row = 0;
  try {
    for await (const { record, info } of Readable.from(rest()).pipe(parser)) {
      row++;
      yield { row, cells: record as string[], fraction: total ? info.bytes / total : undefined };
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileUnreadable({
      id: `CSV tidak dapat dibaca setelah baris ${row}: ${detail}`,
      en: `The CSV cannot be read after row ${row}: ${detail}`,
    });
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of the input; a buffer that is not valid UTF-8 is taken as Windows-1252. */
function toUtf8(input: Buffer | string): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  try {
    strictUtf8.decode(input);
    return input;
  } catch {
    return Buffer.from(new TextDecoder('windows-1252').decode(input), 'utf8');
  }
}

async function* sliced(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += 64 * 1024) {
    yield bytes.subarray(start, start + 64 * 1024);
  }
}

async function* utf8Chunks(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield Buffer.from(chunk);
}

export async function* xlsxRecords(input: Buffer): AsyncGenerator<SourceRecord> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; an ArrayBuffer view of the same bytes satisfies it.
    await workbook.xlsx.load(
      input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer,
    );
  } catch {
    throw new FileUnreadable({
      id: 'Berkas XLSX tidak dapat dibaca',
      en: 'The XLSX file cannot be read',
    });
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return;
  const total = Math.max(sheet.rowCount, 1);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: PlanCell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(fromExcel(row.getCell(c).value));
    yield { row: r, cells, fraction: r / total };
  }
}

function fromExcel(value: ExcelJS.CellValue): PlanCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? null
      : result;
  }
  if ('error' in value) return String(value.error);
  return null;
}
