/**
 * The dignity check: runs every detector over a caption and returns non-overlapping findings
 * sorted by position. Where findings overlap, the more specific category wins (an identity
 * number over a phone number, a name over a custom word), then the longer span. Nothing inside
 * an occurrence of the institution's own name is flagged ("Lapas Narkotika Kelas IIA …").
 */
import { caseWordingDetector } from './case-wording';
import { customWordsDetector } from './custom-words';
import { locationDetector } from './location';
import { namesDetector } from './names';
import { nikDetector } from './nik';
import { foldText, NormalisedText, normaliseForMatching, toOriginal } from './normalise';
import { phoneDetector } from './phone';
import { registerDetector } from './register';
import { escapeRegExp, memoByKey, Range, RangeMask, tagRanges, urlRanges, wholeWord } from './text';
import { Candidate, DignityCategory, DignityContext, DignityFinding, Detector } from './types';

const DETECTORS: Detector[] = [
  nikDetector,
  registerDetector,
  phoneDetector,
  namesDetector,
  locationDetector,
  caseWordingDetector,
  customWordsDetector,
];

const SPECIFICITY: Record<DignityCategory, number> = {
  nik: 0,
  register_number: 1,
  phone: 2,
  protected_name: 3,
  location: 4,
  case_wording: 5,
  custom_word: 6,
};

const institutionPattern = memoByKey((name: string): RegExp | null => {
  const folded = foldText(name);
  if (!/[\p{L}\p{N}]/u.test(folded)) return null;
  return wholeWord(folded.split(/\s+/).map(escapeRegExp).join('\\s+'));
});

function institutionRanges(norm: NormalisedText, name: string | undefined): Range[] {
  const pattern = name ? institutionPattern(name) : null;
  if (!pattern) return [];
  return [...norm.text.matchAll(pattern)].map((m) =>
    toOriginal(norm, m.index, m.index + m[0].length),
  );
}

export function checkDignity(text: string, context: DignityContext): DignityFinding[] {
  if (!text) return [];
  const norm = normaliseForMatching(text);
  const input = {
    original: text,
    norm,
    context,
    links: urlRanges(norm.text),
    tags: tagRanges(norm.text),
  };
  const shielded = institutionRanges(norm, context.institutionName);
  const candidates = DETECTORS.flatMap((d) => d.detect(input))
    .filter((c) => !shielded.some(([s, e]) => c.start >= s && c.end <= e))
    .sort(
      (a, b) =>
        SPECIFICITY[a.category] - SPECIFICITY[b.category] ||
        b.end - b.start - (a.end - a.start) ||
        a.start - b.start,
    );
  const kept: Candidate[] = [];
  const taken = new RangeMask(text.length);
  for (const c of candidates) {
    if (taken.any(c.start, c.end)) continue;
    taken.mark(c.start, c.end);
    kept.push(c);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ ...c, match: text.slice(c.start, c.end) }));
}
