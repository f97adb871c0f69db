import type { LocalizedText } from '../common/app-error';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

export type TagsResult =
  { ok: true; tags: string[] } | { ok: false; index: number; reason: LocalizedText };

/**
 * One spelling per tag so filters and hashtags match: trimmed, a leading '#' dropped, inner
 * whitespace collapsed, lower case.
 */
export function normalizeTag(input: string): string {
  return input.trim().replace(/^#+/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Normalises, checks lengths and drops duplicates, keeping the first occurrence's order. */
export function normalizeTags(inputs: readonly string[]): TagsResult {
  const tags: string[] = [];
  for (const [index, input] of inputs.entries()) {
    const tag = normalizeTag(input);
    if (tag.length === 0) {
      return {
        ok: false,
        index,
        reason: { id: 'Tag tidak boleh kosong', en: 'A tag cannot be empty' },
      };
    }
    if (tag.length > MAX_TAG_LENGTH) {
      return {
        ok: false,
        index,
        reason: {
          id: `Tag paling panjang ${MAX_TAG_LENGTH} karakter`,
          en: `A tag must be at most ${MAX_TAG_LENGTH} characters`,
        },
      };
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > MAX_TAGS) {
    return {
      ok: false,
      index: MAX_TAGS,
      reason: { id: `Paling banyak ${MAX_TAGS} tag`, en: `At most ${MAX_TAGS} tags` },
    };
  }
  return { ok: true, tags };
}
