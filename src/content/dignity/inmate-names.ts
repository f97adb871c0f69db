/**
 * Names written beside a reference to an inmate, whether or not they are on the protected-names
 * list: the register only holds the people who signed a consent, and a caption can name anyone.
 * Rules, decided:
 * - a name is one to three Title Case words ("Joko", "Rudi Hartono"), with an honorific in front
 *   included in the span ("Sdr. Joko Susilo"); initials ("berinisial BS", "A.S.") are the accepted
 *   way to refer to someone and are never flagged;
 * - it counts right after the reference ("warga binaan Rudi Hartono", "WBP bernama Joko"), as an
 *   aside before it ("Andi (WBP …", "Joko Susilo, warga binaan …") or after it ("Napi kasus
 *   narkoba, Agus, kini …"), after "bernama"/"atas nama"/"sapaan akrab" or with an age
 *   ("Joko (45)", "Joko, 45 tahun") in a sentence that mentions an inmate;
 * - words of places, institutions, offices, groups and Title Case headings are not names
 *   ("warga binaan Lapas Cipinang", "WBP Wanita", "Warga Binaan Membuat Sepatu Kulit"), nor are
 *   the words of the institution's own name;
 * - a name on the protected-names list is reported by that rule (names.ts), which wins.
 */
import { HONORIFICS } from './name-words';
import { foldText, toOriginal } from './normalise';
import { isTitleCase, Range, wordSet, wordTokens, type Token } from './text';
import { DetectorInput } from './types';

/** Inmate references as word sequences (normalised). "rumah tahanan" is a building. */
const INMATE_TERMS = [
  ['warga', 'binaan'],
  ['anak', 'binaan'],
  ['anak', 'didik'],
  ['klien', 'pemasyarakatan'],
  ['wbp'],
  ['napi'],
  ['narapidana'],
  ['tahanan'],
  ['andikpas'],
  ['inmate'],
  ['inmates'],
  ['prisoner'],
];

/** Words before a name that introduce it. */
const INTRODUCERS = [['bernama'], ['yang', 'bernama'], ['atas', 'nama'], ['a', 'n'], ['an']];
const NICKNAME_INTRODUCERS = [['sapaan', 'akrab'], ['dipanggil'], ['bernama'], ['atas', 'nama']];
const AGE_UNITS = wordSet('tahun thn th');

/** Title Case words that are not personal names in these positions. */
const NOT_NAMES = wordSet(`
  lapas rutan lpka lpp bapas rumah negara kelas cabang pemasyarakatan kemenkumham kemenimipas
  ditjenpas kanwil kementerian direktorat indonesia provinsi kota kabupaten jakarta nusakambangan
  polda polres polsek polri kepolisian kejaksaan kejari kejati pengadilan kpk bnn dinas pemkot
  pemkab pemprov universitas sekolah balai pusat nasional daerah
  kalapas karutan kepala kasi kabid kasubsi kadiv kakanwil menteri dirjen petugas instruktur
  pembina pelatih staf pegawai pejabat tim komunitas yayasan mitra blok kamar sel wisma paviliun
  ruang hunian gedung ruangan lantai
  muslim muslimah kristen kristiani katolik hindu buddha budha wanita perempuan pria laki lansia
  asing wna wni baru lama produktif terampil berprestasi teladan binaan pemasyarakatan tahanan
  napi narapidana wbp
  yang dan di ke dari untuk dengan ini itu juga telah sudah sedang akan tersebut para kami kita
  mereka saat ketika sebagai dalam pada oleh karya produk hasil bersama kini serta selamat semua
  setiap tiap seluruh sebanyak sejumlah beberapa banyak program kegiatan pelatihan bengkel galeri
  senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
  september oktober november desember the a an of and from in at
`);
/** A sentence where most words are Title Case is a heading: capitals say nothing there. */
const HEADING_SHARE = 0.6;

interface Word extends Token {
  written: string;
}

export const INMATE_NAME_REASON = {
  id: 'Nama orang ditulis bersama sebutan warga binaan; jangan sebut nama warga binaan (tanpa nama, atau inisial saja).',
  en: 'A personal name is written beside a reference to an inmate; do not name inmates (no name, or initials only).',
};

class Scan {
  readonly words: Word[];
  private readonly notNames: Set<string>;
  /** Words inside links, hashtags and mentions. */
  private readonly elsewhere: Range[];

  constructor(private readonly input: DetectorInput) {
    const { norm, original } = input;
    this.words = wordTokens(norm.text).map((t) => ({
      ...t,
      written: original.slice(...toOriginal(norm, t.start, t.end)),
    }));
    this.elsewhere = [...input.links, ...input.tags.map((t): Range => [t.start, t.end])];
    this.notNames = new Set([
      ...NOT_NAMES,
      ...foldText(input.context.institutionName ?? '').split(/[^\p{L}\p{N}]+/u),
    ]);
  }

  private gap(i: number): string {
    return this.input.norm.text.slice(this.words[i - 1].end, this.words[i].start);
  }

  /** Whether words i-1 and i are in one sentence with nothing but `allowed` between. */
  joined(i: number, allowed: RegExp): boolean {
    return i > 0 && i < this.words.length && allowed.test(this.gap(i));
  }

  /** Length of the sequence `seq` starting at word i (0 when absent). */
  sequenceAt(i: number, seq: string[], gap = /^[ \t]+$/): number {
    for (let k = 0; k < seq.length; k++) {
      if (this.words[i + k]?.text !== seq[k]) return 0;
      if (k > 0 && !this.joined(i + k, gap)) return 0;
    }
    return seq.length;
  }

  /** The inmate reference at word i: its word count, or 0. */
  inmateTermAt(i: number): number {
    for (const term of INMATE_TERMS) {
      const n = this.sequenceAt(i, term);
      if (n === 0) continue;
      if (term[0] === 'tahanan' && this.words[i - 1]?.text === 'rumah') return 0;
      return n;
    }
    return 0;
  }

  /** The first and last words of the sentence holding word i. */
  sentenceOf(i: number): [number, number] {
    let first = i;
    while (first > 0 && !/[.!?\n]/.test(this.gap(first)) && !this.isInitialGap(first)) first--;
    let last = i;
    while (last + 1 < this.words.length && !/[.!?\n]/.test(this.gap(last + 1))) last++;
    return [first, last];
  }

  private isInitialGap(i: number): boolean {
    return this.words[i - 1].text.length === 1 && /^\.[ \t]*$/.test(this.gap(i));
  }

  isHeading(i: number): boolean {
    const [first, last] = this.sentenceOf(i);
    const words = this.words.slice(first, last + 1).filter((w) => /\p{L}/u.test(w.written));
    if (words.length < 4) return false;
    return words.filter((w) => isTitleCase(w.written)).length / words.length >= HEADING_SHARE;
  }

  mentionsInmate(i: number): boolean {
    const [first, last] = this.sentenceOf(i);
    for (let k = first; k <= last; k++) if (this.inmateTermAt(k) > 0) return true;
    return false;
  }

  isNameWord(i: number): boolean {
    const word = this.words[i];
    return (
      word !== undefined &&
      word.text.length >= 2 &&
      /^\p{L}+$/u.test(word.text) &&
      isTitleCase(word.written) &&
      !this.notNames.has(word.text) &&
      !this.elsewhere.some(([start, end]) => word.start < end && word.end > start)
    );
  }

  /** The name run starting at word i (an honorific may lead): [first, last] or null. */
  nameRunAt(i: number): [number, number] | null {
    let start = i;
    if (this.isHonorific(i) && this.joined(i + 1, /^\.?[ \t]+$/)) start = i + 1;
    if (!this.isNameWord(start)) return null;
    let last = start;
    while (last - start < 2 && this.joined(last + 1, /^[ \t]+$/) && this.isNameWord(last + 1)) {
      last++;
    }
    return [i, last];
  }

  /** The name run ending at word i: [first, last] or null. */
  nameRunEndingAt(i: number): [number, number] | null {
    if (!this.isNameWord(i)) return null;
    let first = i;
    while (i - first < 2 && this.joined(first, /^[ \t]+$/) && this.isNameWord(first - 1)) first--;
    if (first > 0 && this.isHonorific(first - 1) && this.joined(first, /^\.?[ \t]+$/)) first--;
    return [first, i];
  }

  private isHonorific(i: number): boolean {
    const word = this.words[i];
    return word !== undefined && word.text !== 'wbp' && HONORIFICS.has(word.text);
  }

  span([first, last]: [number, number]): Range {
    return toOriginal(this.input.norm, this.words[first].start, this.words[last].end);
  }
}

/** "warga binaan (bernama) Rudi Hartono" and "Napi kasus narkoba, Agus, kini". */
function namesAfterTerm(scan: Scan, i: number, termLength: number): Array<[number, number]> {
  let next = i + termLength;
  if (!scan.joined(next, /^[ \t:]+$/)) return appositiveAfter(scan, next);
  for (const introducer of INTRODUCERS) {
    const n = scan.sequenceAt(next, introducer, /^[ \t.]*$/);
    if (n > 0 && scan.joined(next + n, /^\.?[ \t]+$/)) {
      next += n;
      break;
    }
  }
  const run = scan.nameRunAt(next);
  return run ? [run] : appositiveAfter(scan, next);
}

/** A name between commas within four words after the reference. */
function appositiveAfter(scan: Scan, from: number): Array<[number, number]> {
  for (let k = from; k < from + 5 && k < scan.words.length; k++) {
    if (!scan.joined(k, /^[ \t]+$/) && !scan.joined(k, /^[ \t]*,[ \t]*$/)) return [];
    if (!scan.joined(k, /^[ \t]*,[ \t]*$/)) continue;
    const run = scan.nameRunAt(k);
    if (run && scan.joined(run[1] + 1, /^[ \t]*[,(][ \t]*$/)) return [run];
    return [];
  }
  return [];
}

/** "Andi (WBP …" and "Joko Susilo, (seorang) warga binaan". */
function nameBeforeTerm(scan: Scan, i: number): Array<[number, number]> {
  let before = i - 1;
  for (const lead of [['seorang'], ['salah', 'satu'], ['salah', 'seorang']]) {
    const at = i - lead.length;
    if (at > 0 && scan.sequenceAt(at, lead) && scan.joined(i, /^[ \t]+$/)) before = at - 1;
  }
  if (!scan.joined(before + 1, /^[ \t]*(?:\(|,)[ \t]*$/)) return [];
  const run = scan.nameRunEndingAt(before);
  return run ? [run] : [];
}

/** "bernama Joko", "sapaan akrab Pak Joko", "Joko (45)", "Joko, 45 tahun" near a reference. */
function introducedOrAged(scan: Scan): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < scan.words.length; i++) {
    for (const introducer of NICKNAME_INTRODUCERS) {
      const n = scan.sequenceAt(i, introducer);
      const run = n > 0 && scan.joined(i + n, /^[ \t]+$/) ? scan.nameRunAt(i + n) : null;
      if (run && scan.mentionsInmate(i)) runs.push(run);
    }
    const age = scan.words[i + 1];
    if (!age || !/^\d{2}$/.test(age.text) || !scan.joined(i + 1, /^[ \t]*[(,][ \t]*$/)) continue;
    const unit = scan.words[i + 2];
    const aged =
      scan.joined(i + 2, /^[ \t]*\)/) ||
      (unit !== undefined && AGE_UNITS.has(unit.text) && scan.joined(i + 2, /^[ \t]+$/));
    const run = aged ? scan.nameRunEndingAt(i) : null;
    if (run && scan.mentionsInmate(i)) runs.push(run);
  }
  return runs;
}

/** Spans (original offsets) of names written beside an inmate reference. */
export function inmateNameSpans(input: DetectorInput): Range[] {
  const scan = new Scan(input);
  const runs = introducedOrAged(scan);
  for (let i = 0; i < scan.words.length; i++) {
    const length = scan.inmateTermAt(i);
    if (length === 0 || scan.isHeading(i)) continue;
    runs.push(...namesAfterTerm(scan, i, length), ...nameBeforeTerm(scan, i));
  }
  return runs.map((run) => scan.span(run));
}
