/**
 * Case and sentence wording. Each term is a regular-expression source over the normalised
 * text (whole words only) with the neighbours that turn it into something harmless.
 */
import { wordSet } from './text';

export type CaseKind =
  'inmate_label' | 'sentence' | 'article' | 'crime' | 'legal_status' | 'detention' | 'case';

export interface CaseTerm {
  kind: CaseKind;
  pattern: string;
  /** The word right before / after that makes it harmless ("rumah tahanan", "kasus HP"). */
  notBefore?: Set<string>;
  notAfter?: Set<string>;
  /** Text right after that makes it harmless ("Pasal 33 UUD"). */
  notFollowedBy?: RegExp;
  /** Skipped in anti-crime campaign wording ("Stop narkoba", "Bebas dari Korupsi"). */
  campaign?: boolean;
}

const PHONE_BRANDS = wordSet(`
  hp handphone ponsel hape iphone samsung xiaomi oppo vivo realme infinix redmi poco tecno itel
  nokia tablet ipad tab laptop airpods gadget android smartphone
`);
const PEST_AND_BOREDOM = wordSet(`
  nyamuk serangga kuman bakteri hama gulma rumput tikus kecoa virus jamur bosan kebosanan rasa
  sepi jenuh waktu
`);
const ATTENTION = wordSet('perhatian hati pandang start waktu momen ilmu spotlight show');

const term = (kind: CaseKind, pattern: string, extra: Partial<CaseTerm> = {}): CaseTerm => ({
  kind,
  pattern,
  ...extra,
});
const crime = (pattern: string, extra: Partial<CaseTerm> = {}): CaseTerm =>
  term('crime', pattern, { campaign: true, ...extra });

export const CASE_TERMS: CaseTerm[] = [
  term('inmate_label', 'napi(?:nya)?|narapidana(?:nya)?|napiter'),
  term('legal_status', '(?:terpidana|terdakwa|tersangka|residivis)(?:nya)?|terhukum|bromocorah'),
  term('legal_status', 'penjahat'),
  term('legal_status', 'tahanan(?:nya)?', {
    notBefore: wordSet('rumah daya uji'),
    notAfter: wordSet('listrik resistor'),
  }),
  // "divonis dokter menderita…" is a diagnosis; "tanpa vonis" reveals no one's sentence.
  term('sentence', '(?:di|mem)?vonis(?:nya)?', {
    notBefore: wordSet('tanpa'),
    notAfter: wordSet(
      'dokter menderita mengidap kanker sakit penyakit tumor lumpuh stroke positif',
    ),
  }),
  term('sentence', 'dihukum|hukuman(?:nya)?|pidana(?:nya)?|remisi(?:nya)?'),
  term('sentence', '\\d+\\s*(?:tahun|thn|th|bulan|bln|hari)\\s+(?:penjara|kurungan)'),
  term('sentence', '(?:tahun|bulan|hari)\\s+(?:penjara|kurungan)|penjara\\s+seumur\\s+hidup'),
  term(
    'sentence',
    '(?:pembebasan|bebas|cuti)\\s+bersyarat|cuti\\s+menjelang\\s+bebas|bebas\\s+murni',
  ),
  term('sentence', 'grasi|kasasi|subsider'),
  term('sentence', 'putusan\\s+(?:pengadilan|hakim|ma|pn|banding|kasasi)'),
  term('detention', 'mendekam|dibui|dijebloskan|dipenjara(?:kan)?|(?:masuk|dalam|balik)\\s+bui'),
  term('article', 'pasal\\s*\\d+[a-z]?(?:\\s*ayat\\s*\\(?\\d+\\)?)?(?:\\s*huruf\\s*[a-z])?', {
    notFollowedBy: /^\s*(?:uud|undang-undang dasar)/,
  }),
  term('article', 'pasal\\s+berlapis'),
  term('article', '(?:dijerat|terjerat|dikenakan|dikenai|melanggar)\\s+pasal'),
  term('article', 'kuhp|kuhap'),
  // "dalam kasus tertentu" (in some cases) is shop-policy wording; a crime after it still counts.
  term('case', 'kasus(?:nya)?', {
    notBefore: wordSet('studi dalam beberapa sebagian kebanyakan banyak setiap'),
    notAfter: PHONE_BRANDS,
  }),
  crime('narkoba|psikotropika|napza|ganja|ekstasi|heroin|kokain|putaw|obat\\s+terlarang'),
  crime('narkotika', { notBefore: wordSet('lapas lp lpn badan khusus pemasyarakatan rutan bnn') }),
  crime('sabu(?:-sabu)?', {
    notBefore: wordSet('tenun pulau kain suku ikat kabupaten kab selimut'),
    notAfter: wordSet('raijua'),
  }),
  // "shabu-shabu" is the hot-pot dish.
  crime('(?<!shabu-)shabu(?!-shabu)'),
  crime('korupsi|tipikor|penyuapan|pencucian\\s+uang'),
  crime('pembunuhan|pencurian|curanmor|perampokan|perampok|merampok|penipuan|penggelapan'),
  crime('pemerkosaan|perkosaan|pencabulan|cabul|penganiayaan|begal|pembegalan|jambret'),
  crime('penjambretan|pencopetan|pencopet|copet|penadahan|penadah|penyelundupan|pemalsuan'),
  crime('terorisme|teroris|perjudian|judi|kdrt|asusila|perdagangan\\s+orang|tppo'),
  crime('kejahatan|kriminal(?:itas)?|pengedar(?:an)?'),
  crime('pembunuh|membunuh', { notAfter: PEST_AND_BOREDOM }),
  crime('pencuri|mencuri', { notAfter: ATTENTION }),
];

/** Words that join the term right after them into one span ("kurir sabu", "sisa masa pidana"). */
export const ATTACH_BEFORE = wordSet(`
  pelaku mantan eks kurir bandar pengedar pemakai pengguna pecandu jaringan sindikat uu dijerat
  terjerat sisa masa tindak perkara dijatuhi menjalani ancaman berstatus
`);

/** Words that mark anti-crime campaign wording a few words before a crime term. */
export const CAMPAIGN_WORDS = wordSet(`
  anti bebas bersih bersinar stop tolak menolak lawan melawan perangi memerangi berantas
  memberantas pemberantasan cegah mencegah pencegahan jauhi menjauhi hindari waspada bahaya awas
  hati katakan zero halinar hani p4gn sosialisasi penyuluhan kampanye gerakan deklarasi komitmen
  integritas wbk wbbm kpk komisi satgas bnn darurat perang war say penanggulangan rehabilitasi
`);

/** Words a few words after a crime term that mark campaign wording ("Narkoba merusak …"). */
export const CAMPAIGN_AFTER = wordSet(`
  merusak menghancurkan musuh merugikan mematikan berbahaya haram membahayakan
`);

export const REASONS: Record<CaseKind, { id: string; en: string }> = {
  inmate_label: {
    id: 'Gunakan "warga binaan"; sebutan "napi"/"narapidana" tidak dipakai dalam publikasi.',
    en: 'Write "warga binaan" (people in the correctional programme); "napi"/"narapidana" is not used in published text.',
  },
  sentence: {
    id: 'Rincian vonis atau masa hukuman seseorang tidak boleh dimuat.',
    en: 'Details of a person’s sentence must not be published.',
  },
  article: {
    id: 'Pasal yang dikenakan adalah rincian perkara dan tidak boleh dimuat.',
    en: 'The article someone was charged under is a case detail and must not be published.',
  },
  crime: {
    id: 'Jenis tindak pidana atau perkara seseorang tidak boleh dimuat.',
    en: 'The offence someone committed must not be published.',
  },
  legal_status: {
    id: 'Status hukum seseorang (terpidana, tahanan, residivis…) adalah data pribadi spesifik dan tidak boleh dimuat.',
    en: 'A person’s legal status (convict, detainee, reoffender…) is specific personal data and must not be published.',
  },
  detention: {
    id: 'Uraian penahanan atau pemenjaraan seseorang tidak boleh dimuat; tonjolkan karyanya.',
    en: 'Do not describe someone’s imprisonment; put the product first.',
  },
  case: {
    id: 'Kata "kasus" merujuk pada perkara pidana seseorang dan tidak boleh dimuat.',
    en: 'The word "kasus" refers to someone’s criminal case and must not be published.',
  },
};

/** Order used to combine reasons when terms of several kinds form one span. */
export const KIND_ORDER: CaseKind[] = [
  'inmate_label',
  'sentence',
  'article',
  'crime',
  'legal_status',
  'detention',
  'case',
];
