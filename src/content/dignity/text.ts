/** Small text helpers shared by the detectors; all positions are in the normalised text. */

export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const LETTER_RUN = /\p{L}+/gu;

export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 0x80)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(ch);
}

export function wordTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordChar(text[i])) i++;
    tokens.push({ text: text.slice(start, i), start, end: i });
  }
  return tokens;
}

export function letterTokens(text: string): string[] {
  return text.match(LETTER_RUN) ?? [];
}

/** Word-boundary wrapper: the pattern may not touch a letter or digit on either side. */
export function wholeWord(source: string, flags = 'gu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);
}

export function escapeRegExp(value: string): string {
  // No '-': under the u flag an escaped hyphen outside a class is a syntax error.
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export type Range = [number, number];

const URL =
  /(?:https?:\/\/|www\.)[^\s]+|(?<![\p{L}\p{N}@.])(?:[a-z0-9-]{1,63}\.){1,6}(?:com|id|net|org|ly|me|ee|io|app|link|site|store|shop|co|gl|gd)\/[^\s]*/gu;

/** Links (with or without a scheme, as captions write them). */
export function urlRanges(text: string): Range[] {
  return [...text.matchAll(URL)].map((m) => [m.index, m.index + m[0].length] as Range);
}

const TAG = /(?<![\p{L}\p{N}_#@])[#@][\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*/gu;

/** Hashtags and @mentions with their bodies. */
export function tagRanges(text: string): Token[] {
  return [...text.matchAll(TAG)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The words immediately before `pos` (nearest first) within the same sentence, up to `max`. */
export function wordsBefore(text: string, pos: number, max: number): string[] {
  const words: string[] = [];
  let i = pos - 1;
  while (i >= 0 && words.length < max) {
    const ch = text[i];
    if (ch === '.' || ch === '!' || ch === '?' || ch === '\n') break;
    if (isWordChar(ch)) {
      let j = i;
      while (j > 0 && isWordChar(text[j - 1])) j--;
      words.push(text.slice(j, i + 1));
      i = j - 1;
    } else i--;
  }
  return words;
}

/** The words right after `end` within the same sentence, up to `max`. */
export function wordsAfter(text: string, end: number, max: number): string[] {
  const window = text.slice(end, end + 120);
  const stop = window.search(/[.!?\n]/);
  const rest = stop === -1 ? window : window.slice(0, stop);
  return (rest.match(WORD_RUN) ?? []).slice(0, max);
}

/** The word that ends right before `pos`, separated only by spaces or tabs (or `extraGap`). */
export function adjacentWordBefore(text: string, pos: number, extraGap = ''): Token | null {
  let i = pos;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t' || extraGap.includes(text[i - 1])))
    i--;
  if (i === pos && isWordChar(text[pos - 1])) return null;
  const end = i;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i < end ? { text: text.slice(i, end), start: i, end } : null;
}

/** The word that starts right after `pos`, separated only by spaces or tabs. */
export function adjacentWordAfter(text: string, pos: number): Token | null {
  let i = pos;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const start = i;
  while (i < text.length && isWordChar(text[i])) i++;
  return i > start ? { text: text.slice(start, i), start, end: i } : null;
}

/** Whether the text just before `pos`, on the same line and within `window`, matches `words`. */
export function nearBefore(text: string, pos: number, words: RegExp, window: number): boolean {
  const slice = text.slice(Math.max(0, pos - window), pos);
  return words.test(slice.slice(slice.lastIndexOf('\n') + 1));
}

/** Whether the text just after `pos`, on the same line and within `window`, matches `words`. */
export function nearAfter(text: string, pos: number, words: RegExp, window: number): boolean {
  const slice = text.slice(pos, pos + window);
  const nl = slice.indexOf('\n');
  return words.test(nl === -1 ? slice : slice.slice(0, nl));
}

/** One flag per position of a text, set inside any of `ranges` (cheap overlap tests). */
export class RangeMask {
  private readonly flags: Uint8Array;

  constructor(length: number, ranges: Range[] = []) {
    this.flags = new Uint8Array(length);
    ranges.forEach(([s, e]) => this.mark(s, e));
  }

  mark(start: number, end: number): void {
    this.flags.fill(1, start, end);
  }

  any(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.flags[i]) return true;
    return false;
  }
}

/** "Budi": an upper-case first letter followed by at least one lower-case letter. */
export function isTitleCase(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && /\p{Ll}/u.test(word.slice(1));
}

/** First letter upper case ("Budi" or "BUDI"). */
export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** A word list written as one whitespace-separated string (keeps long lists compact). */
export function wordList(words: string): string[] {
  return words.trim().split(/\s+/);
}

export function wordSet(words: string): Set<string> {
  return new Set(wordList(words));
}

/**
 * Caches what is built from an institution's configuration (its word list, its names), which
 * stays the same across many checks. Bounded: the cache starts over past `limit` entries.
 */
export function memoByKey<T>(build: (key: string) => T, limit = 64): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}
