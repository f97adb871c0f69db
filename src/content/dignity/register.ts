/**
 * Inmate register numbers. Register classes are A I–A V (detainees by stage) and B I, B IIa,
 * B IIb, B III(s) (sentenced), written "B.I 123/2021", "BI.123/2021", "AIII 45/2020",
 * "A-II 301/2024", "B.IIa 12/2019". A class counts only with a number/year after it (so "A4",
 * "AI", "Kelas IIA" and "vitamin B1" stay clean), or after a register keyword ("register B I").
 * "Nomor register" / "no. reg" alone is flagged too, except when it labels a product licence
 * (BPOM MD/ML, P-IRT, halal…), which food products print as "No. Reg.".
 */
import { toOriginal } from './normalise';
import { nearAfter, nearBefore, Range, RangeMask, wholeWord } from './text';
import { Candidate, Detector, DetectorInput } from './types';

const SEP = '[ .\\-]?';
const CLASS = `(?:a${SEP}(?:iii|iv|ii|v|i)|b${SEP}(?:iii${SEP}s|iii|ii${SEP}a|ii${SEP}b|ii|i))`;
const NUMBER_YEAR = '\\d{1,6}\\s*/\\s*(?:[a-z]{1,6}\\s*/\\s*)?(?:19|20)?\\d{2}';
const YEAR = '(?:19|20)?\\d{2}';
const CLASSED =
  `(?:${CLASS}(?:${SEP}n)?[ .\\-/:]{0,3}(?:no\\.?\\s*)?${NUMBER_YEAR}` +
  `|\\d{1,6}\\s*/\\s*${CLASS}\\s*/\\s*${YEAR})`;
const KEYWORD = '(?:no(?:mor|mer)?\\s*\\.?\\s*reg(?:ister|istrasi)?\\.?|register|reg\\.?)';
const KEYED = `${KEYWORD}\\s*[:.]?\\s*(?:${CLASSED}|${CLASS}|${NUMBER_YEAR})`;
const BARE = 'no(?:mor|mer)?\\s*\\.?\\s*reg(?:ister)?\\.?';

const KEYED_RE = wholeWord(KEYED);
const CLASSED_RE = wholeWord(CLASSED);
const BARE_RE = wholeWord(BARE);

const LICENCE =
  /(?:^|[^\p{L}])(?:bpom|pom|md|ml|pirt|p-irt|spp-irt|halal|sni|dinkes|depkes|kemenkes|pkrt|akl|akd|nie|hki|haki|merek|paten|nib|izin|pangan|kendaraan|stnk|bpkb|npwp|sertifikat)(?![\p{L}])/u;

const REASON = {
  id: 'Nomor register warga binaan tidak boleh dimuat: nomor ini mengungkap identitas dan status hukum seseorang.',
  en: 'An inmate register number must not be published: it reveals a person’s identity and legal status.',
};

export const registerDetector: Detector = {
  category: 'register_number',
  detect({ norm }: DetectorInput): Candidate[] {
    const text = norm.text;
    const spans: Range[] = [];
    const taken = new RangeMask(text.length);
    const keep = (start: number, end: number) => {
      if (taken.any(start, end)) return;
      taken.mark(start, end);
      spans.push([start, end]);
    };
    for (const m of text.matchAll(KEYED_RE)) keep(m.index, m.index + m[0].length);
    for (const m of text.matchAll(CLASSED_RE)) keep(m.index, m.index + m[0].length);
    for (const m of text.matchAll(BARE_RE)) {
      const end = m.index + m[0].length;
      if (nearAfter(text, end, LICENCE, 25) || nearBefore(text, m.index, LICENCE, 25)) continue;
      keep(m.index, end);
    }
    return spans.map(([from, to]) => {
      const [start, end] = toOriginal(norm, from, to);
      return { category: 'register_number', start, end, reason: REASON };
    });
  },
};
