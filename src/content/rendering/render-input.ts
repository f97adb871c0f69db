/**
 * What a render is given, validated once, and how template bindings and alt text are derived
 * from it. Money is integer rupiah, printed the Indonesian way ("Rp 1.250.000").
 */
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { formatPath, TextBinding } from './template';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const MAX_RUPIAH = 1_000_000_000_000;

/** Trimmed, single-spaced, non-empty text. */
const words = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

const rupiah = z.int().min(0).max(MAX_RUPIAH);

const variablesSchema = z
  .strictObject({
    // Catalogue limits: anything the catalogue accepts may be rendered (or refused as overflow).
    product: z.strictObject({
      name: words(200),
      priceRupiah: rupiah,
      oldPriceRupiah: rupiah.optional(),
    }),
    tagline: words(120).optional(),
    institution: z.strictObject({ name: words(200) }),
    workshop: z.strictObject({ name: words(100) }),
    cta: words(60).optional(),
  })
  .refine(
    (v) =>
      v.product.oldPriceRupiah === undefined || v.product.oldPriceRupiah > v.product.priceRupiah,
    { path: ['product', 'oldPriceRupiah'], message: 'must be higher than the price' },
  );

const brandSchema = z.strictObject({
  primary: z.string().regex(HEX_COLOUR),
  secondary: z.string().regex(HEX_COLOUR),
  text: z.string().regex(HEX_COLOUR),
});

export type TemplateVariables = z.output<typeof variablesSchema>;
export type BrandColours = z.output<typeof brandSchema>;

export interface RenderInput {
  /** Stored, already validated photos; one per photo frame, or one per carousel slide. */
  photos: Buffer[];
  logo?: Buffer;
  /** Backdrop for templates whose background is `{ type: 'image', source: 'input' }`. */
  backgroundImage?: Buffer;
  brand: BrandColours;
  variables: z.input<typeof variablesSchema>;
}

export interface ValidInput extends Omit<RenderInput, 'variables' | 'brand'> {
  brand: BrandColours;
  variables: TemplateVariables;
}

export function validateInput(input: RenderInput): ValidInput {
  const brand = brandSchema.safeParse(input.brand);
  if (!brand.success) throw invalid('brand', brand.error);
  const variables = variablesSchema.safeParse(input.variables);
  if (!variables.success) throw invalid('variables', variables.error);
  input.photos.forEach((photo, i) => {
    if (photo.length === 0) {
      throw AppError.validation(`photos[${i}]`, { id: 'Foto kosong', en: 'The photo is empty' });
    }
  });
  return { ...input, brand: brand.data, variables: variables.data };
}

function invalid(root: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  const path = formatPath([root, ...issue.path]);
  return AppError.validation(path, {
    id: `Data gambar tidak valid pada ${path}: ${issue.message}`,
    en: `Invalid render input at ${path}: ${issue.message}`,
  });
}

/** 1250000 → "Rp 1.250.000". */
export function formatRupiah(amount: number): string {
  return `Rp ${String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** Whole percent off the old price; never shows 0% for a real discount. */
export function discountPercent(price: number, oldPrice: number): number {
  return Math.max(1, Math.round(((oldPrice - price) / oldPrice) * 100));
}

/** The text a binding shows, or undefined when its variable is absent. */
export function bindingValue(binding: TextBinding, v: TemplateVariables): string | undefined {
  const old = v.product.oldPriceRupiah;
  switch (binding) {
    case 'product.name':
      return v.product.name;
    case 'product.price':
      return formatRupiah(v.product.priceRupiah);
    case 'product.oldPrice':
      return old === undefined ? undefined : formatRupiah(old);
    case 'discount':
      return old === undefined ? undefined : `${discountPercent(v.product.priceRupiah, old)}%`;
    case 'tagline':
      return v.tagline;
    case 'institution.name':
      return v.institution.name;
    case 'workshop.name':
      return v.workshop.name;
    case 'cta':
      return v.cta;
  }
}

/**
 * Alt text in Bahasa Indonesia, e.g. "Foto produk Kemeja Batik Lintas 5 dari Bengkel Konveksi,
 * Lapas Kelas I Cipinang, harga Rp 150.000"; carousel slides say which photo they are.
 */
export function altText(v: TemplateVariables, slide?: { index: number; count: number }): string {
  const old = v.product.oldPriceRupiah;
  const price = `harga ${formatRupiah(v.product.priceRupiah)}${old === undefined ? '' : ` (sebelumnya ${formatRupiah(old)})`}`;
  const subject = `produk ${v.product.name} dari ${v.workshop.name}, ${v.institution.name}, ${price}`;
  return slide ? `Foto ${slide.index + 1} dari ${slide.count}: ${subject}` : `Foto ${subject}`;
}
