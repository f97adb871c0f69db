/**
 * Caption templates: plain text with `{{ variable }}` placeholders, filled from a post's product,
 * workshop, institution, hashtag group, call to action and planned date.
 *
 * - Only the names in CAPTION_VARIABLES exist. Lookup is in a Map of resolvers, never a property
 *   walk over the values, so `{{constructor}}` or `{{__proto__}}` are unknown variables and a
 *   template cannot reach anything it was not given. Nothing is evaluated.
 * - Values are inserted literally and not scanned again: a product named "{{cta}}" stays as is.
 * - Whitespace inside the braces is ignored. There is no escape: `{{` always opens a placeholder.
 * - A known variable without a value is an error, not an empty string: an announcement without a
 *   product cannot use `{{product.name}}`, and "Beli di: " with no link would go out broken.
 * - Positions: `offset` is the UTF-16 index of `{{` (what text inputs use for selection); line
 *   and column are 1-based, the column counted in code points, for people.
 */
import { TZDate } from '@date-fns/tz';
import { AppError, LocalizedText } from '../../common/app-error';
import { formatRupiah } from '../../catalogue/rupiah';
import { MONTHS_ID } from '../../common/indonesian-months';

export interface CaptionVariables {
  product?: {
    name: string;
    priceRupiah: number;
    sku: string;
    description?: string | null;
    /** The link to buy, usually a tracked short link chosen by the caller. */
    link?: string | null;
  };
  workshop?: { name: string };
  institution?: { name: string; slug: string };
  /** A saved hashtag group, without '#'. */
  hashtags?: readonly string[];
  cta?: string | null;
  /** The planned publication time, shown as a date in the institution's zone. */
  date?: { at: Date; timeZone: string };
}

interface VariableSpec {
  /** Why the value can be missing, for the error message. */
  missing: LocalizedText;
  resolve(values: CaptionVariables): string | undefined;
}

const NO_PRODUCT: LocalizedText = {
  id: 'postingan ini tidak terkait produk',
  en: 'this post has no product',
};

function productField(
  pick: (p: NonNullable<CaptionVariables['product']>) => string | null | undefined,
  missing: LocalizedText,
): VariableSpec {
  return {
    missing,
    resolve: (v) => (v.product ? (pick(v.product) ?? undefined) : undefined),
  };
}

/** "13 Juli 2026": written out so the caption never depends on the runtime's ICU data. */
function formatLocalDate(at: Date, timeZone: string): string | undefined {
  const local = new TZDate(at.getTime(), timeZone);
  const day = local.getDate();
  if (Number.isNaN(day)) return undefined;
  return `${day} ${MONTHS_ID[local.getMonth()]} ${local.getFullYear()}`;
}

export const CAPTION_VARIABLES: ReadonlyMap<string, VariableSpec> = new Map<string, VariableSpec>([
  ['product.name', productField((p) => p.name, NO_PRODUCT)],
  ['product.price', productField((p) => formatRupiah(p.priceRupiah), NO_PRODUCT)],
  ['product.sku', productField((p) => p.sku, NO_PRODUCT)],
  [
    'product.description',
    productField((p) => p.description, {
      id: 'produk ini belum punya deskripsi',
      en: 'the product has no description',
    }),
  ],
  [
    'product.link',
    productField((p) => p.link, {
      id: 'produk ini belum punya tautan penjualan',
      en: 'the product has no sales link',
    }),
  ],
  [
    'workshop.name',
    {
      missing: { id: 'postingan ini tidak terkait bengkel kerja', en: 'this post has no workshop' },
      resolve: (v) => v.workshop?.name,
    },
  ],
  [
    'institution.name',
    {
      missing: { id: 'nama instansi tidak tersedia', en: 'the institution name is not available' },
      resolve: (v) => v.institution?.name,
    },
  ],
  [
    'institution.slug',
    {
      missing: { id: 'slug instansi tidak tersedia', en: 'the institution slug is not available' },
      resolve: (v) => v.institution?.slug,
    },
  ],
  [
    'hashtags',
    {
      missing: { id: 'belum ada kelompok tagar yang dipilih', en: 'no hashtag group is selected' },
      resolve: (v) =>
        v.hashtags && v.hashtags.length > 0
          ? v.hashtags.map((tag) => `#${tag.replace(/^[#＃]+/u, '')}`).join(' ')
          : undefined,
    },
  ],
  [
    'cta',
    {
      missing: { id: 'ajakan bertindak belum diisi', en: 'no call to action is set' },
      resolve: (v) => v.cta ?? undefined,
    },
  ],
  [
    'date',
    {
      missing: { id: 'postingan ini belum punya jadwal', en: 'this post has no planned time' },
      resolve: (v) => (v.date ? formatLocalDate(v.date.at, v.date.timeZone) : undefined),
    },
  ],
]);

/** Indonesian and loose spellings people try, for "did you mean" suggestions only. */
const ALIASES: Record<string, string> = {
  produknama: 'product.name',
  namaproduk: 'product.name',
  produkharga: 'product.price',
  harga: 'product.price',
  price: 'product.price',
  produktautan: 'product.link',
  tautan: 'product.link',
  link: 'product.link',
  produkdeskripsi: 'product.description',
  deskripsi: 'product.description',
  bengkelnama: 'workshop.name',
  bengkel: 'workshop.name',
  workshop: 'workshop.name',
  lapasnama: 'institution.name',
  instansinama: 'institution.name',
  lapas: 'institution.name',
  institution: 'institution.name',
  tagar: 'hashtags',
  hashtag: 'hashtags',
  ajakan: 'cta',
  tanggal: 'date',
};

function suggestionFor(name: string): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const known of CAPTION_VARIABLES.keys()) {
    if (known.replace('.', '').toLowerCase() === key) return known;
  }
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

export type CaptionTemplateErrorCode =
  'unknown_variable' | 'empty_placeholder' | 'unclosed_placeholder' | 'missing_value';

export interface CaptionTemplateError {
  code: CaptionTemplateErrorCode;
  /** The name as written inside the braces (trimmed); absent for empty/unclosed placeholders. */
  variable?: string;
  suggestion?: string;
  offset: number;
  line: number;
  column: number;
  message: LocalizedText;
}

export type CaptionTemplatePart =
  { kind: 'text'; text: string } | { kind: 'variable'; name: string; offset: number };

export interface ParsedCaptionTemplate {
  parts: CaptionTemplatePart[];
  /** Known variables used, once each, in order of first use. */
  variables: string[];
  errors: CaptionTemplateError[];
}

export function parseCaptionTemplate(template: string): ParsedCaptionTemplate {
  const parts: CaptionTemplatePart[] = [];
  const errors: CaptionTemplateError[] = [];
  const variables: string[] = [];
  const error = (
    code: Exclude<CaptionTemplateErrorCode, 'missing_value'>,
    offset: number,
    variable?: string,
    suggestion?: string,
  ): void => {
    const { line, column } = positionOf(template, offset);
    const message = syntaxMessage(code, line, column, variable, suggestion);
    errors.push({ code, variable, suggestion, offset, line, column, message });
  };

  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf('{{', cursor);
    if (open < 0) break;
    if (open > cursor) parts.push({ kind: 'text', text: template.slice(cursor, open) });
    const close = template.indexOf('}}', open + 2);
    const reopen = template.indexOf('{{', open + 2);
    if (close < 0 || (reopen >= 0 && reopen < close)) {
      error('unclosed_placeholder', open);
      parts.push({ kind: 'text', text: template.slice(open, reopen < 0 ? undefined : reopen) });
      cursor = reopen < 0 ? template.length : reopen;
      continue;
    }
    const name = template.slice(open + 2, close).trim();
    if (name === '') error('empty_placeholder', open);
    else if (!CAPTION_VARIABLES.has(name)) {
      error('unknown_variable', open, name, suggestionFor(name));
    } else {
      parts.push({ kind: 'variable', name, offset: open });
      if (!variables.includes(name)) variables.push(name);
    }
    cursor = close + 2;
  }
  if (cursor < template.length) parts.push({ kind: 'text', text: template.slice(cursor) });
  return { parts, variables, errors };
}

export type CaptionTemplateResult =
  { ok: true; text: string } | { ok: false; errors: CaptionTemplateError[] };

/** Fills a template, collecting every syntax error and every missing value. */
export function tryRenderCaptionTemplate(
  template: string,
  values: CaptionVariables,
): CaptionTemplateResult {
  const parsed = parseCaptionTemplate(template);
  const errors = [...parsed.errors];
  const reported = new Set<string>();
  let text = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const spec = CAPTION_VARIABLES.get(part.name);
    const value = spec?.resolve(values);
    if (spec && value !== undefined && value.trim() !== '') {
      text += value;
    } else if (spec && !reported.has(part.name)) {
      reported.add(part.name);
      const { line, column } = positionOf(template, part.offset);
      errors.push({
        code: 'missing_value',
        variable: part.name,
        offset: part.offset,
        line,
        column,
        message: {
          id: `{{${part.name}}} tidak bisa diisi: ${spec.missing.id} (baris ${line}, kolom ${column})`,
          en: `{{${part.name}}} cannot be filled in: ${spec.missing.en} (line ${line}, column ${column})`,
        },
      });
    }
  }
  errors.sort((a, b) => a.offset - b.offset);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, text };
}

/** Throws a validation error on field `template`, with every problem in `details.errors`. */
export function renderCaptionTemplate(template: string, values: CaptionVariables): string {
  const result = tryRenderCaptionTemplate(template, values);
  if (result.ok) return result.text;
  throw AppError.validation('template', result.errors[0].message, { errors: result.errors });
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

function syntaxMessage(
  code: Exclude<CaptionTemplateErrorCode, 'missing_value'>,
  line: number,
  column: number,
  variable?: string,
  suggestion?: string,
): LocalizedText {
  const at = { id: `baris ${line}, kolom ${column}`, en: `line ${line}, column ${column}` };
  switch (code) {
    case 'unknown_variable': {
      const hint = suggestion
        ? { id: `; maksud Anda {{${suggestion}}}?`, en: `; did you mean {{${suggestion}}}?` }
        : { id: '', en: '' };
      // Echo at most 40 characters of what was typed, so a pasted essay stays out of messages.
      const chars = [...(variable ?? '')];
      const name = chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
      return {
        id: `Variabel tidak dikenal {{${name}}} di ${at.id}${hint.id}`,
        en: `Unknown variable {{${name}}} at ${at.en}${hint.en}`,
      };
    }
    case 'empty_placeholder':
      return {
        id: `Tanda {{ }} kosong di ${at.id}; tulis nama variabel di dalamnya`,
        en: `Empty {{ }} at ${at.en}; put a variable name inside`,
      };
    case 'unclosed_placeholder':
      return {
        id: `Tanda {{ di ${at.id} tidak ditutup dengan }}`,
        en: `The {{ at ${at.en} is not closed with }}`,
      };
  }
}
