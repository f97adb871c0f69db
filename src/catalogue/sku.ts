import type { LocalizedText } from '../common/app-error';

/** Same rule as the ck_products_sku constraint: 1-64 of A-Z 0-9 . _ -, starting alphanumeric. */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;
export const SKU_MAX_LENGTH = 64;

export type SkuResult = { ok: true; sku: string } | { ok: false; reason: LocalizedText };

/** Staff type SKUs by hand: forgive surrounding spaces and lower case, nothing else. */
export function normalizeSku(input: string): string {
  return input.trim().toUpperCase();
}

export function parseSku(input: string): SkuResult {
  const sku = normalizeSku(input);
  if (sku.length === 0) {
    return { ok: false, reason: { id: 'SKU wajib diisi', en: 'SKU is required' } };
  }
  if (sku.length > SKU_MAX_LENGTH) {
    return {
      ok: false,
      reason: {
        id: `SKU paling panjang ${SKU_MAX_LENGTH} karakter`,
        en: `SKU must be at most ${SKU_MAX_LENGTH} characters`,
      },
    };
  }
  if (!SKU_PATTERN.test(sku)) {
    return {
      ok: false,
      reason: {
        id: 'SKU hanya boleh berisi huruf A-Z, angka, titik, garis bawah dan tanda hubung, diawali huruf atau angka',
        en: 'SKU may contain only letters A-Z, digits, dot, underscore and hyphen, and must start with a letter or digit',
      },
    };
  }
  return { ok: true, sku };
}
