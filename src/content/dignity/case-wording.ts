/**
 * Case and sentence wording (terms in case-terms.ts). Decisions:
 * - terms next to each other form one span with their lead-ins: "divonis 5 tahun penjara",
 *   "Mantan kurir sabu", "Dijerat Pasal 114 ayat (1) UU Narkotika";
 * - anti-crime campaign wording is not a case detail: "Hari Anti Narkotika", "Stop narkoba",
 *   "Wilayah Bebas dari Korupsi", "Lapas Narkotika", "Badan Narkotika Nasional";
 * - "kasus HP" / "case HP" is a phone case; "studi kasus" a case study; "penjara" alone, "dari
 *   balik jeruji" and "hukum" are not flagged (no one's case is revealed);
 * - "napi"/"narapidana" is flagged with a reason recommending "warga binaan", also in hashtags
 *   (#napi, #KaryaNapi). The national campaign tag #AkuBeliProdukNapi is staff-written, official
 *   and names no one, so it is allowed.
 */
import {
  ATTACH_BEFORE,
  CAMPAIGN_AFTER,
  CAMPAIGN_WORDS,
  CASE_TERMS,
  CaseKind,
  KIND_ORDER,
  REASONS,
} from './case-terms';
import { toOriginal } from './normalise';
import { adjacentWordAfter, adjacentWordBefore, wholeWord, wordsAfter, wordsBefore } from './text';
import { Candidate, Detector, DetectorInput } from './types';

interface Hit {
  start: number;
  end: number;
  kinds: Set<CaseKind>;
}

// One pass over the text for all terms: each term is a named group, and scanning resumes one
// character after every match so that overlapping terms ("terjerat pasal berlapis") are seen.
const ALL_TERMS = wholeWord(CASE_TERMS.map((t, i) => `(?<t${i}>${t.pattern})`).join('|'));
const DURATION_AFTER = new RegExp(
  '^[ \\t]+(?:(?:selama[ \\t]+)?\\d+[ \\t]*(?:tahun|thn|th|bulan|bln|hari)' +
    '(?:[ \\t]+(?:dan[ \\t]+)?\\d+[ \\t]*(?:bulan|bln|hari))?|seumur[ \\t]+hidup|mati)(?![\\p{L}\\p{N}])',
  'u',
);
const EXTENDS_WITH_DURATION = new Set<CaseKind>(['sentence', 'legal_status', 'detention']);
const ALLOWED_TAGS = new Set(['akubeliproduknapi']);
// "#napi", "#napi_kreatif", "#produknapi" (but not "#Napitupulu", a Batak surname).
const NAPI_TAG_PART = /(?:napi|narapidana)$/;
const NAPI_PART = /(?:^|[^\p{Ll}])(?:Napi|NAPI|Narapidana|NARAPIDANA)(?!\p{Ll})/u;

/** Campaign wording around a crime term; "…menghancurkan hidupnya" is someone's story. */
function isCampaign(text: string, start: number, end: number): boolean {
  if (wordsBefore(text, start, 6).some((w) => CAMPAIGN_WORDS.has(w))) return true;
  const after = wordsAfter(text, end, 4);
  return (
    after.slice(0, 3).some((w) => CAMPAIGN_AFTER.has(w)) && !after.some((w) => w.endsWith('nya'))
  );
}

function termHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const re = new RegExp(ALL_TERMS);
  for (let m = re.exec(text); m; re.lastIndex = m.index + 1, m = re.exec(text)) {
    const t = CASE_TERMS[Object.values(m.groups ?? {}).findIndex((g) => g !== undefined)];
    const start = m.index;
    const end = start + m[0].length;
    if (t.notBefore?.has(adjacentWordBefore(text, start)?.text ?? '')) continue;
    if (t.notAfter?.has(adjacentWordAfter(text, end)?.text ?? '')) continue;
    if (t.notFollowedBy?.test(text.slice(end, end + 30))) continue;
    if (t.campaign && isCampaign(text, start, end)) continue;
    const duration = EXTENDS_WITH_DURATION.has(t.kind)
      ? DURATION_AFTER.exec(text.slice(end, end + 60))
      : null;
    hits.push({ start, end: end + (duration?.[0].length ?? 0), kinds: new Set([t.kind]) });
  }
  return hits;
}

function napiTags({ norm, original, tags }: DetectorInput): Hit[] {
  const hits: Hit[] = [];
  for (const tag of tags) {
    if (!tag.text.startsWith('#')) continue;
    const body = tag.text.slice(1);
    if (ALLOWED_TAGS.has(body.replace(/_/g, ''))) continue;
    const [s, e] = toOriginal(norm, tag.start + 1, tag.end);
    if (
      body.split('_').some((p) => NAPI_TAG_PART.test(p)) ||
      NAPI_PART.test(original.slice(s, e))
    ) {
      hits.push({ start: tag.start, end: tag.end, kinds: new Set(['inmate_label']) });
    }
  }
  return hits;
}

/**
 * Pulls in lead-in words ("mantan", "kurir", "eks-") and a leading "#", then joins hits that
 * touch or are separated by spaces only; hashtags stay separate.
 */
function joinHits(text: string, hits: Hit[]): Hit[] {
  for (const hit of hits) {
    for (;;) {
      const before = adjacentWordBefore(text, hit.start, '-');
      if (!before || !ATTACH_BEFORE.has(before.text)) break;
      hit.start = before.start;
    }
    if (text[hit.start - 1] === '#') hit.start--;
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const joined: Hit[] = [];
  for (const hit of hits) {
    const last = joined[joined.length - 1];
    const touching =
      last && (hit.start <= last.end || /^[ \t]+$/.test(text.slice(last.end, hit.start)));
    if (
      last &&
      touching &&
      (hit.start < last.end || (text[hit.start] !== '#' && text[last.start] !== '#'))
    ) {
      last.end = Math.max(last.end, hit.end);
      hit.kinds.forEach((k) => last.kinds.add(k));
    } else joined.push({ ...hit, kinds: new Set(hit.kinds) });
  }
  return joined;
}

function reasonFor(kinds: Set<CaseKind>): { id: string; en: string } {
  const ordered = KIND_ORDER.filter((k) => kinds.has(k)).map((k) => REASONS[k]);
  return { id: ordered.map((r) => r.id).join(' '), en: ordered.map((r) => r.en).join(' ') };
}

export const caseWordingDetector: Detector = {
  category: 'case_wording',
  detect(input: DetectorInput): Candidate[] {
    const text = input.norm.text;
    const hits = joinHits(text, [...termHits(text), ...napiTags(input)]);
    return hits.map((hit) => {
      const [start, end] = toOriginal(input.norm, hit.start, hit.end);
      return { category: 'case_wording', start, end, reason: reasonFor(hit.kinds) };
    });
  },
};
