/**
 * A saved hashtag group: the tags without '#', one spelling each, ready for `{{hashtags}}`.
 * A tag is Unicode letters, combining marks, digits and underscores with at least one letter —
 * what Instagram and X link as a hashtag ("#123" and "#kerajinan-tangan" are not one tag).
 * Duplicates are dropped case-insensitively, keeping the first spelling (#KaryaWargaBinaan).
 */
import type { LocalizedText } from '../../common/app-error';

/** Instagram refuses a post with more than 30 hashtags, so a group never holds more. */
export const MAX_HASHTAGS_PER_GROUP = 30;

const TAG = /^[\p{L}\p{M}\p{N}_]+$/u;
const LETTER = /\p{L}/u;

export interface HashtagGroupError {
  /** Index in the input; null for errors about the whole group. */
  index: number | null;
  reason: LocalizedText;
}

export type HashtagGroupResult =
  { ok: true; tags: string[] } | { ok: false; errors: HashtagGroupError[] };

export function normaliseHashtagGroup(inputs: readonly string[]): HashtagGroupResult {
  const tags: string[] = [];
  const seen = new Set<string>();
  const errors: HashtagGroupError[] = [];
  for (const [index, input] of inputs.entries()) {
    const tag = input
      .normalize('NFC')
      .trim()
      .replace(/^[#＃]+/u, '');
    const reason = tagProblem(tag);
    if (reason) {
      errors.push({ index, reason });
      continue;
    }
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  if (inputs.length === 0) {
    errors.push({
      index: null,
      reason: {
        id: 'Kelompok tagar perlu minimal satu tagar',
        en: 'A hashtag group needs at least one hashtag',
      },
    });
  }
  if (tags.length > MAX_HASHTAGS_PER_GROUP) {
    const over = tags.length - MAX_HASHTAGS_PER_GROUP;
    errors.push({
      index: null,
      reason: {
        id: `Tagar terlalu banyak — ${tags.length}, paling banyak ${MAX_HASHTAGS_PER_GROUP} (lebih ${over})`,
        en: `Too many hashtags — ${tags.length}, at most ${MAX_HASHTAGS_PER_GROUP} (${over} over)`,
      },
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tags };
}

function tagProblem(tag: string): LocalizedText | undefined {
  if (tag === '') return { id: 'Tagar kosong', en: 'Empty hashtag' };
  const shown = [...tag].length > 40 ? `${[...tag].slice(0, 40).join('')}…` : tag;
  if (!TAG.test(tag)) {
    return {
      id: `#${shown}: tagar hanya boleh berisi huruf, angka dan garis bawah, tanpa spasi atau tanda baca`,
      en: `#${shown}: a hashtag may only contain letters, digits and underscores, no spaces or punctuation`,
    };
  }
  if (!LETTER.test(tag)) {
    return {
      id: `#${shown}: tagar perlu minimal satu huruf`,
      en: `#${shown}: a hashtag needs at least one letter`,
    };
  }
  return undefined;
}
