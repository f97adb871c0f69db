/**
 * Where someone is held: cell blocks ("Blok A", "blok C3", "Blok Anggrek"), rooms ("kamar 12",
 * "kamar hunian") and cells ("sel 4", "sel isolasi", "dari dalam sel"), with a floor in front or
 * behind ("lantai 2 blok B"). Not flagged: "Blok M" (the Jakarta shopping area), street addresses
 * ("Jl. Melati Blok C3 No. 12", "Ruko … Blok A No. 5"), building materials and techniques
 * ("paving blok", "blok mesin", "blok warna"), furniture and rooms at home ("kamar tidur",
 * "lemari kamar 2 pintu", "kamar 3x4"), biology and energy ("sel surya", "sel kulit mati",
 * "kerusakan sel"). "Wisma …" is not flagged: too many office buildings carry the name.
 */
import { toOriginal } from './normalise';
import { adjacentWordAfter, adjacentWordBefore, isTitleCase, nearBefore, wholeWord } from './text';
import { Candidate, Detector, DetectorInput } from './types';
import {
  BIOLOGY_AFTER_SEL,
  BLOCK_NAMES,
  BLOCK_NOUNS,
  CELL_KINDS,
  HOME_ROOM_BEFORE,
  MATERIAL_BEFORE_BLOK,
  ROOM_KINDS,
  SEL_PLACE_BEFORE,
} from './location-words';

const ID = '(?:\\d{1,3}[a-z]?|[a-z](?:[ -]?\\d{1,3})?|ii|iii|iv|vi|vii)';
const BLOK_ID = wholeWord(`blok\\s*(${ID})`);
const BLOK_NAME = wholeWord('blok\\s+(\\p{L}{3,})');
const KAMAR_ID = wholeWord(
  `kamar\\s*(?:no\\.?|nomor|nomer)?\\s*(?:\\d{1,3}[a-z]?|[a-z]-?\\d{1,3})`,
);
const KAMAR_KIND = wholeWord(`kamar\\s+(?:${ROOM_KINDS.join('|')})`);
const SEL_ID = wholeWord(`sel\\s*(?:no\\.?|nomor|nomer)?\\s*(?:\\d{1,3}[a-z]?|[a-z]-?\\d{1,3})`);
const SEL_KIND = wholeWord(`(?:sel\\s+(?:${CELL_KINDS.join('|')})|strafsel)`);
const SEL_BARE = wholeWord('sel');

const ADDRESS_BEFORE =
  /(?:^|[^\p{L}])(?:jl|jln|jalan|gg|gang|perum|perumahan|komplek|kompleks|komp|ruko|rukan|griya|residence|cluster|pasar|abang|stasiun|mrt|apartemen|apartment|tower|mall|plaza|itc|park|hall|jcc|expo|convention|kav|kavling|rt|rw|kel|kelurahan|desa|alamat)(?![\p{L}])/u;
const ADDRESS_AFTER = /^\s*,?\s*(?:no|nomor|nomer|kav|kavling|rt|rw|tanah abang)(?![\p{L}])/u;
const ROOM_UNIT_AFTER =
  /^\s*(?:m2|m|meter|cm|pintu|laci|susun|tingkat|pcs|set|unit|buah|orang|tempat|seater|kursi|lantai|ruang|kamar|bed|ranjang|volt|v|mah|wp|watt)(?![\p{L}])/u;
const FLOOR_BEFORE = /lantai\s*\d{1,2}[ \t]*,?[ \t]*$/u;
const FLOOR_AFTER = /^[ \t]*,?[ \t]*lantai\s*\d{1,2}(?![\p{L}\p{N}])/u;
const JOINABLE_GAP = /^[ \t]*,?[ \t]*$/;

const REASON = {
  id: 'Lokasi blok, kamar atau sel hunian warga binaan tidak boleh dimuat.',
  en: 'The block, room or cell where someone is held must not be published.',
};

type Span = [number, number];

function isAddress(text: string, start: number, end: number): boolean {
  return (
    ADDRESS_AFTER.test(text.slice(end, end + 15)) || nearBefore(text, start, ADDRESS_BEFORE, 40)
  );
}

function blokSpans(input: DetectorInput): Span[] {
  const { norm, original } = input;
  const text = norm.text;
  const spans: Span[] = [];
  const materialBefore = (pos: number) =>
    MATERIAL_BEFORE_BLOK.has(adjacentWordBefore(text, pos)?.text ?? '');
  for (const m of text.matchAll(BLOK_ID)) {
    const end = m.index + m[0].length;
    if (m[1] === 'm' || materialBefore(m.index) || isAddress(text, m.index, end)) continue;
    spans.push([m.index, end]);
  }
  for (const m of text.matchAll(BLOK_NAME)) {
    const end = m.index + m[0].length;
    const name = m[1];
    if (BLOCK_NOUNS.has(name) || materialBefore(m.index) || isAddress(text, m.index, end)) continue;
    if (!BLOCK_NAMES.has(name)) {
      // An unknown name counts when written as a proper name, outside a Title Case heading.
      const [ns, ne] = toOriginal(norm, end - name.length, end);
      const before = adjacentWordBefore(text, m.index);
      const beforeOriginal = before
        ? original.slice(...toOriginal(norm, before.start, before.end))
        : '';
      if (!isTitleCase(original.slice(ns, ne)) || isTitleCase(beforeOriginal)) continue;
    }
    spans.push([m.index, BLOCK_NAMES.has(name) ? end : end + secondNameWord(input, end)]);
  }
  return spans;
}

/** "Blok Wijaya Kusuma": a second capitalised word of an unknown block name (its length). */
function secondNameWord({ norm, original }: DetectorInput, end: number): number {
  const next = adjacentWordAfter(norm.text, end);
  if (!next || BLOCK_NOUNS.has(next.text)) return 0;
  const [s, e] = toOriginal(norm, next.start, next.end);
  return isTitleCase(original.slice(s, e)) ? next.end - end : 0;
}

function roomAndCellSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of [KAMAR_ID, SEL_ID]) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      const before = adjacentWordBefore(text, m.index)?.text ?? '';
      if (HOME_ROOM_BEFORE.has(before) || ROOM_UNIT_AFTER.test(text.slice(end, end + 12))) continue;
      spans.push([m.index, end]);
    }
  }
  for (const re of [KAMAR_KIND, SEL_KIND]) {
    for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(SEL_BARE)) {
    const end = m.index + 3;
    const before = adjacentWordBefore(text, m.index)?.text ?? '';
    const after = adjacentWordAfter(text, end)?.text ?? '';
    if (!SEL_PLACE_BEFORE.has(before) || text[end] === '-' || BIOLOGY_AFTER_SEL.has(after))
      continue;
    spans.push([m.index, end]);
  }
  return spans;
}

/** Adds an adjacent "lantai N" and joins neighbouring spans ("kamar 5 Blok E"). */
function joinSpans(text: string, spans: Span[]): Span[] {
  const extended = spans.map(([s, e]): Span => {
    const before = FLOOR_BEFORE.exec(text.slice(Math.max(0, s - 20), s));
    const after = FLOOR_AFTER.exec(text.slice(e, e + 20));
    return [before ? s - before[0].length : s, after ? e + after[0].length : e];
  });
  extended.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const joined: Span[] = [];
  for (const span of extended) {
    const last = joined[joined.length - 1];
    if (last && (span[0] <= last[1] || JOINABLE_GAP.test(text.slice(last[1], span[0])))) {
      last[1] = Math.max(last[1], span[1]);
    } else joined.push([...span]);
  }
  return joined;
}

export const locationDetector: Detector = {
  category: 'location',
  detect(input: DetectorInput): Candidate[] {
    const text = input.norm.text;
    const spans = joinSpans(text, [...blokSpans(input), ...roomAndCellSpans(text)]);
    return spans.map(([from, to]) => {
      const [start, end] = toOriginal(input.norm, from, to);
      return { category: 'location', start, end, reason: REASON };
    });
  },
};
