/**
 * Protected names (consent register + the institution's list). Rules, decided:
 * - a full name is flagged in any case and spacing, without diacritics ("SITI AMINAH",
 *   "Sití Amínah"), with an honorific in front included in the span ("Sdr. Budi Santoso");
 * - a single name token (first name, or another part such as the surname) is flagged as a
 *   whole word when it has ≥ 3 letters: "Budi" yes, "Budiman" and "budidaya" no; with a clitic
 *   ("Budinya") the whole word is the span; "Budi's" flags "Budi";
 * - a token that is also an everyday word (name-words.ts) must be capitalised and have an
 *   honorific ("Bu Indah", but not "kak hari ini") or stand as a name mid-sentence ("buatan
 *   Made,"); fixed phrases ("budi daya", "semoga rizki lancar") never count;
 * - the same first name followed by a different capitalised surname is someone else
 *   ("Kepala Lapas, Budi Setiawan"), as is a name after "Nabi", "Jl." and the like;
 * - hashtags and mentions are flagged whole when they contain the full name run together
 *   (#KaryaBudiSantoso, @budisantoso.art), a distinctive name as a word (#budi, #KaryaBudi), or
 *   an honorific plus any name token (#PakBagus).
 */
import { buildNameIndex, isAmbiguous, lookupName, NameHit, NameIndex } from './name-index';
import { INMATE_NAME_REASON, inmateNameSpans } from './inmate-names';
import { HONORIFICS, NAME_BLOCKERS, NAME_PHRASES } from './name-words';
import { foldText, toOriginal } from './normalise';
import { isCapitalised, isTitleCase, isWordChar, Range, RangeMask, wordTokens } from './text';
import { Candidate, Detector, DetectorInput } from './types';

/** A word of the normalised text; `original` (its spelling as written) is filled on demand. */
interface Word {
  text: string;
  start: number;
  end: number;
  original?: string;
}

interface Scan {
  text: string;
  original: string;
  norm: DetectorInput['norm'];
  words: Word[];
}

/** How the word is written in the caption (case matters for the everyday-word rules). */
function written(scan: Scan, word: Word): string {
  word.original ??= scan.original.slice(...toOriginal(scan.norm, word.start, word.end));
  return word.original;
}

const NAME_GAP = /^[ \t]*[-_.']?[ \t]*$/;
const HONORIFIC_GAP = /^\.?[ \t]+$/;
const SPACE_GAP = /^[ \t]+$/;
const QUOTES = /^["'“”‘’]$/;
const NOT_AN_HONORIFIC_AFTER_IBU = new Set(['pertiwi', 'kota', 'negara']);

function gap(scan: Scan, a: Word, b: Word): string {
  return scan.text.slice(a.end, b.start);
}

/** The word at `k` when it touches word `of` with only spaces (or `pattern`) between. */
function neighbour(scan: Scan, k: number, of: number, pattern = SPACE_GAP): Word | null {
  const word = scan.words[k];
  if (!word) return null;
  const between = k < of ? gap(scan, word, scan.words[of]) : gap(scan, scan.words[of], word);
  return pattern.test(between) ? word : null;
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
}

function startsSentence(scan: Scan, word: Word): boolean {
  let k = scan.norm.starts[word.start] - 1;
  while (k >= 0 && /[\s"'“”‘’(*_[]/u.test(scan.original[k])) k--;
  if (k < 0) return true;
  const ch = scan.original[k];
  return !(isWordChar(ch) || ch === ',' || ch === '&' || ch === '-' || ch === '/');
}

/** Index of an honorific right before word i, or -1. "2 pak" is a pack, "Ibu Pertiwi" a motherland. */
function honorificBefore(scan: Scan, i: number): number {
  const prev = neighbour(scan, i - 1, i, HONORIFIC_GAP);
  if (!prev || !HONORIFICS.has(prev.text)) return -1;
  if (prev.text === 'pak' && /^\d+$/.test(neighbour(scan, i - 2, i - 1)?.text ?? '')) return -1;
  if (prev.text === 'ibu' && NOT_AN_HONORIFIC_AFTER_IBU.has(scan.words[i].text)) return -1;
  return i - 1;
}

/** "ani-ani" (a rice knife), "Rama-rama": a reduplicated word is a common noun. */
function reduplicated(scan: Scan, i: number): boolean {
  const dash = /^-$/;
  return (
    neighbour(scan, i + 1, i, dash)?.text === scan.words[i].text ||
    neighbour(scan, i - 1, i, dash)?.text === scan.words[i].text
  );
}

function inFixedPhrase(scan: Scan, i: number, token: string): boolean {
  const phrase = NAME_PHRASES[token];
  if (!phrase) return false;
  const before = neighbour(scan, i - 1, i)?.text ?? '';
  const after = neighbour(scan, i + 1, i)?.text ?? '';
  return phrase.before.has(before) || phrase.after.has(after);
}

/** An everyday word written as a name: capitalised mid-sentence, not in a Title Case heading. */
function writtenAsName(scan: Scan, i: number): boolean {
  const word = scan.words[i];
  if (!isCapitalised(written(scan, word)) || startsSentence(scan, word)) return false;
  // Tas rajut 'Bagus': a quoted everyday word is a product or a title.
  const [s, e] = toOriginal(scan.norm, word.start, word.end);
  if (QUOTES.test(scan.original[s - 1] ?? '') && QUOTES.test(scan.original[e] ?? '')) return false;
  const prev = scan.words[i - 1];
  if (isAllCaps(written(scan, word))) return prev !== undefined && !isAllCaps(written(scan, prev));
  // "Batik Indah Motif…", "selamat Hari Batik": a capitalised neighbour makes it a phrase.
  const touching = [neighbour(scan, i - 1, i), neighbour(scan, i + 1, i)];
  return !touching.some((w) => w !== null && isCapitalised(written(scan, w)));
}

/** "Jl. Slamet Riyadi", "Nabi Yusuf": a street, a prophet, a building — not this person. */
function blocked(scan: Scan, i: number): boolean {
  let prev = neighbour(scan, i - 1, i, HONORIFIC_GAP);
  if (prev && prev.text.length === 1) prev = neighbour(scan, i - 2, i - 1, HONORIFIC_GAP);
  return prev !== null && NAME_BLOCKERS.has(prev.text);
}

/** A different capitalised name right next to this one means a different person. */
function someoneElse(scan: Scan, i: number, hit: NameHit, honorific: number): boolean {
  const tokens = hit.entry.tokens;
  if (tokens.length < 2) return false;
  if (hit.pos < tokens.length - 1) {
    const next = neighbour(scan, i + 1, i);
    if (
      !next ||
      next.text.length < 2 ||
      !isTitleCase(written(scan, next)) ||
      HONORIFICS.has(next.text)
    ) {
      return false;
    }
    const lead = honorific >= 0 ? null : neighbour(scan, i - 1, i);
    return !lead || !isTitleCase(written(scan, lead)) || startsSentence(scan, lead);
  }
  if (honorific >= 0) return false;
  const prev = neighbour(scan, i - 1, i);
  if (!prev || !isTitleCase(written(scan, prev)) || tokens.includes(prev.text)) return false;
  const lead = neighbour(scan, i - 2, i - 1);
  return !lead || !isTitleCase(written(scan, lead)) || startsSentence(scan, prev);
}

/** The longest run of one entry's tokens starting at word i: [hit, index of the last word]. */
function longestRun(scan: Scan, i: number, hits: NameHit[], clitic: boolean): [NameHit, number] {
  let best: [NameHit, number] = [hits[0], i];
  for (const hit of hits) {
    let last = i;
    while (
      !clitic &&
      hit.pos + (last - i) + 1 < hit.entry.tokens.length &&
      neighbour(scan, last + 1, last, NAME_GAP)?.text === hit.entry.tokens[hit.pos + (last - i) + 1]
    ) {
      last++;
    }
    if (last > best[1]) best = [hit, last];
  }
  return best;
}

function accepts(scan: Scan, i: number, hit: NameHit, last: number, honorific: number): boolean {
  const tokens = hit.entry.tokens;
  const length = last - i + 1;
  if (length >= 2) {
    const matched = scan.words.slice(i, last + 1);
    if (honorific >= 0 || !tokens.slice(hit.pos, hit.pos + length).every(isAmbiguous)) return true;
    // Names made only of everyday words ("Putri Ayu", also a cake) need capitals.
    if (!matched.every((w) => isCapitalised(written(scan, w)))) return false;
    return (hit.pos === 0 && length === tokens.length) || writtenAsName(scan, i);
  }
  const token = tokens[hit.pos];
  if (token.length < (honorific >= 0 ? 2 : 3) || someoneElse(scan, i, hit, honorific)) return false;
  // "Kak Indah" is a person, "kak hari ini" is "today".
  if (honorific >= 0) return !isAmbiguous(token) || isCapitalised(written(scan, scan.words[i]));
  if (inFixedPhrase(scan, i, token)) return false;
  return !isAmbiguous(token) || writtenAsName(scan, i);
}

/**
 * Widens a span over an initial standing for the rest of the name: "B. Santoso", "Budi S.".
 * Returns normalised [start, end).
 */
function withInitials(scan: Scan, first: number, i: number, last: number, hit: NameHit): Range {
  const { words, text } = scan;
  const tokens = hit.entry.tokens;
  const matched = last - i + 1;
  let start = words[first].start;
  let end = words[last].end;
  const before = neighbour(scan, first - 1, first, HONORIFIC_GAP);
  if (hit.pos > 0 && before?.text === tokens[hit.pos - 1][0] && text[before.end] === '.') {
    start = before.start;
  }
  const after = neighbour(scan, last + 1, last);
  const nextToken = tokens[hit.pos + matched];
  if (nextToken && after?.text === nextToken[0] && text[after.end] === '.') end = after.end + 1;
  return [start, end];
}

function wordSpans(input: DetectorInput, index: NameIndex): Range[] {
  const { norm, original } = input;
  const skip = new RangeMask(norm.text.length, [
    ...input.links,
    ...input.tags.map((t): Range => [t.start, t.end]),
  ]);
  const words: Word[] = wordTokens(norm.text).filter((t) => !skip.any(t.start, t.start + 1));
  const scan: Scan = { text: norm.text, original, norm, words };
  const spans: Range[] = [];
  for (let i = 0; i < words.length; i++) {
    const { hits, clitic } = lookupName(index, words[i].text);
    if (hits.length === 0 || reduplicated(scan, i)) continue;
    const [hit, last] = longestRun(scan, i, hits, clitic);
    const honorific = honorificBefore(scan, i);
    if (honorific < 0 && blocked(scan, i)) {
      i = last; // the whole run names a street, a prophet or a building
      continue;
    }
    if (!accepts(scan, i, hit, last, honorific)) continue;
    const [from, to] = withInitials(scan, honorific >= 0 ? honorific : i, i, last, hit);
    spans.push([from, to]);
    i = last;
  }
  return spans;
}

const CAMEL_PART = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+/gu;

function tagNamesSomeone(compact: string, parts: string[], index: NameIndex): boolean {
  const hasFullName = index.entries.some(
    (e) => e.tokens.length > 1 && e.joined.length >= 6 && compact.includes(e.joined),
  );
  if (hasFullName) return true;
  const named = (p: string, k: number) =>
    p.length >= 3 &&
    !isAmbiguous(p) &&
    index.byToken.has(p) &&
    !NAME_PHRASES[p]?.after.has(parts[k + 1]) &&
    !NAME_PHRASES[p]?.before.has(parts[k - 1]);
  if (parts.some(named)) return true;
  for (let k = 0; k + 1 < parts.length; k++) {
    if (HONORIFICS.has(parts[k]) && index.byToken.has(parts[k + 1])) return true;
  }
  for (const honorific of HONORIFICS) {
    if (compact.startsWith(honorific) && index.byToken.has(compact.slice(honorific.length))) {
      return true;
    }
  }
  return false;
}

function tagSpans(input: DetectorInput, index: NameIndex): Range[] {
  const { norm, original } = input;
  const links = new RangeMask(norm.text.length, input.links);
  const spans: Range[] = [];
  for (const tag of input.tags) {
    if (links.any(tag.start, tag.start + 1)) continue;
    const body = norm.text.slice(tag.start + 1, tag.end);
    const parts = tag.text.startsWith('@')
      ? body.split(/[._\d]+/)
      : (original.slice(...toOriginal(norm, tag.start + 1, tag.end)).match(CAMEL_PART) ?? []).map(
          foldText,
        );
    const words = parts.filter((p) => /^\p{L}+$/u.test(p));
    if (tagNamesSomeone(words.join(''), words, index)) spans.push([tag.start, tag.end]);
  }
  return spans;
}

const REASON = {
  id: 'Nama ini ada dalam daftar nama yang dilindungi (register persetujuan atau daftar institusi); jangan sebut nama warga binaan.',
  en: 'This name is on the protected-names list (consent register or the institution’s list); do not name inmates.',
};

export const namesDetector: Detector = {
  category: 'protected_name',
  detect(input: DetectorInput): Candidate[] {
    const index = buildNameIndex(input.context.protectedNames);
    const listed: Candidate[] = (
      index.entries.length === 0 ? [] : [...wordSpans(input, index), ...tagSpans(input, index)]
    ).map(([from, to]) => {
      const [start, end] = toOriginal(input.norm, from, to);
      return { category: 'protected_name', start, end, reason: REASON };
    });
    // A listed name is reported as listed; the context rule adds only names it does not cover.
    const unlisted = inmateNameSpans(input)
      .filter(([start, end]) => !listed.some((c) => start < c.end && end > c.start))
      .filter(([start], k, spans) => spans.findIndex(([s]) => s === start) === k)
      .map(([start, end]): Candidate => ({
        category: 'protected_name',
        start,
        end,
        reason: INMATE_NAME_REASON,
      }));
    return [...listed, ...unlisted];
  },
};
