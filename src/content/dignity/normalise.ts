/**
 * A matching view of a caption: lower case, no diacritics, compatibility forms folded (so the
 * "𝗕𝗼𝗹𝗱" letters Instagram users paste, full-width digits and non-breaking spaces match), with
 * every normalised code unit mapped back to its span in the original text. Detectors match on
 * `text` and report original offsets through `toOriginal`.
 */
export interface NormalisedText {
  text: string;
  /** Original start offset of each normalised code unit. */
  starts: number[];
  /** Original end offset (exclusive) of each normalised code unit. */
  ends: number[];
}

const DROPPED = /^[\u00AD\u200B-\u200D\u2060\uFEFF]$/;
const DROPPED_ALL = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const MARKS = /\p{M}/gu;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const SPACES = /[\p{Zs}\t]/gu;

function fold(codePoint: string): string {
  if (DROPPED.test(codePoint)) return '';
  return codePoint
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(SPACES, ' ');
}

export function normaliseForMatching(original: string): NormalisedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < original.length) {
    // Runs of ASCII (most of a caption) keep their length when lower-cased.
    const run = i;
    while (i < original.length && original.charCodeAt(i) < 0x80) {
      starts.push(i);
      ends.push(i + 1);
      i++;
    }
    if (i > run) {
      parts.push(original.slice(run, i).toLowerCase());
      continue;
    }
    const code = original.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < original.length ? 2 : 1;
    const folded = fold(original.slice(i, i + width));
    for (let k = 0; k < folded.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    parts.push(folded);
    i += width;
  }
  return { text: parts.join(''), starts, ends };
}

/** Original [start, end) of the normalised range [from, to); to > from. */
export function toOriginal(norm: NormalisedText, from: number, to: number): [number, number] {
  return [norm.starts[from], norm.ends[to - 1]];
}

/** Normalised form of a short configured value (a name, a word), trimmed. */
export function foldText(value: string): string {
  return value
    .replace(DROPPED_ALL, '')
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim();
}
