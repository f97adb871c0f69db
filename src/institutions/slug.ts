/** Institution slugs appear in public URLs (/katalog/<slug>): lowercase words joined by hyphens. */
export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 60;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isValidSlug(slug: string): boolean {
  return (
    slug.length >= SLUG_MIN_LENGTH && slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(slug)
  );
}

/**
 * A slug suggestion from a name: "Lapas Kelas I Cipinang" → "lapas-kelas-i-cipinang".
 * Accents are folded to ASCII, everything else that is not a letter or digit becomes a hyphen.
 * The result may still be too short; callers check it with isValidSlug.
 */
export function slugify(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= SLUG_MAX_LENGTH) return words;
  // Cut at the maximum length, then drop a trailing partial separator.
  return words.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
}
