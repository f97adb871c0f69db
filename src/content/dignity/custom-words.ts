/**
 * The institution's own word list: each entry as a whole word or phrase, any case, without
 * diacritics, any spacing between the words of a phrase ("jeruji besi" matches "JERUJI  BESI").
 * Inside a hashtag only an exact tag matches (#sipir), not part of one (#sipirhebat).
 */
import { foldText, toOriginal } from './normalise';
import { escapeRegExp, memoByKey, wholeWord } from './text';
import { Candidate, Detector, DetectorInput } from './types';

const REASON = {
  id: 'Kata ini ada dalam daftar kata yang tidak boleh dipakai oleh institusi.',
  en: 'This word is on the institution’s list of words not to use.',
};

const SEPARATOR = '\u0000';

const patternFor = memoByKey((key: string): RegExp | null => {
  const sources = [
    ...new Set(
      key
        .split(SEPARATOR)
        .map(foldText)
        .filter((w) => /[\p{L}\p{N}]/u.test(w))
        .map((w) => w.split(/\s+/).map(escapeRegExp).join('\\s+')),
    ),
  ].sort((a, b) => b.length - a.length);
  return sources.length > 0 ? wholeWord(sources.join('|')) : null;
});

export function customWordPattern(words: string[]): RegExp | null {
  return patternFor(words.join(SEPARATOR));
}

export const customWordsDetector: Detector = {
  category: 'custom_word',
  detect({ norm, context }: DetectorInput): Candidate[] {
    const pattern = customWordPattern(context.extraWords);
    if (!pattern) return [];
    return [...norm.text.matchAll(pattern)].map((m) => {
      const [start, end] = toOriginal(norm, m.index, m.index + m[0].length);
      return { category: 'custom_word', start, end, reason: REASON };
    });
  },
};
