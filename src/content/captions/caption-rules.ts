/**
 * Caption limits per network, checked on the text exactly as it will be sent.
 *
 * - X: weighted length ≤ 280 by twitter-text's `parseTweet` (NFC first; URLs count 23 whatever
 *   their length; emoji sequences and CJK weigh 2). X accepts media-only posts, but Karya requires
 *   caption text on every network: a product post without words sells nothing.
 * - Instagram: ≤ 2,200 characters, ≤ 30 hashtags, ≤ 20 @mentions. Meta does not say what a
 *   "character" is; we count Unicode code points as sent (no normalisation). That is never fewer
 *   than the grapheme clusters a person sees, so a caption we pass is not refused for length,
 *   and it is linear in time (Intl.Segmenter is quadratic on long input in Node 20).
 *   A ZWJ family emoji therefore counts 5 here.
 * - Facebook: ≤ 63,206 characters, counted the same way.
 * - Hashtags and mentions are counted with twitter-text's extractors on every network: they are
 *   Unicode-aware (#kerajinanTangan, #café, #日本語; "#123" is not a hashtag, as on Instagram) and
 *   skip e-mail addresses. An Instagram username with a dot (@lapas.cipinang) still counts once.
 * - Empty or whitespace-only (including zero-width characters) captions are refused everywhere.
 *   Emoji-only captions are allowed and counted like any other text.
 * - Text longer than any network accepts (MAX_CAPTION_INPUT) is not analysed further, so a
 *   1 MB paste fails at once instead of running the entity regexes over it: Instagram and
 *   Facebook report `max_length` (the count is exact), X reports `max_input_length`, and the
 *   other counters are null.
 */
import {
  extractHashtags,
  extractMentions,
  extractUrls,
  hasInvalidCharacters,
  parseTweet,
} from 'twitter-text';
import type { LocalizedText } from '../../common/app-error';
import type { SocialNetwork } from '../rendering/template';

export interface CaptionLimits {
  /** Unicode code points. */
  maxCharacters?: number;
  /** twitter-text weighted length. */
  maxWeightedLength?: number;
  maxHashtags?: number;
  maxMentions?: number;
}

export const CAPTION_LIMITS: Readonly<Record<SocialNetwork, Readonly<CaptionLimits>>> = {
  instagram: { maxCharacters: 2_200, maxHashtags: 30, maxMentions: 20 },
  facebook: { maxCharacters: 63_206 },
  x: { maxWeightedLength: 280 },
};

/** The largest caption any network accepts; anything longer is refused without analysis. */
export const MAX_CAPTION_INPUT = 63_206;

export type CaptionRule =
  | 'empty'
  | 'invalid_characters'
  | 'max_input_length'
  | 'max_length'
  | 'max_weighted_length'
  | 'max_hashtags'
  | 'max_mentions';

export interface CaptionViolation {
  network: SocialNetwork;
  rule: CaptionRule;
  limit: number;
  actual: number;
  /** How far past the limit (for `empty`: how far below the minimum of 1). Always ≥ 1. */
  over: number;
  message: LocalizedText;
}

export interface CaptionCounters {
  /** Unicode code points, as sent. */
  characters: number;
  /** X only; null on other networks and when the text was too long to analyse. */
  weightedLength: number | null;
  /** null when the text was too long to analyse. */
  hashtags: number | null;
  mentions: number | null;
  urls: number | null;
}

export interface CaptionCheck {
  network: SocialNetwork;
  valid: boolean;
  counters: CaptionCounters;
  limits: CaptionLimits;
  violations: CaptionViolation[];
}

const NETWORK_NAMES: Record<SocialNetwork, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

/** Whitespace and invisible characters (zero-width spaces and joiners, variation selectors). */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;
const INVALID_CHARACTER = /[\uFFFE\uFEFF\uFFFF]/g;

export function validateCaption(network: SocialNetwork, text: string): CaptionCheck {
  const limits = CAPTION_LIMITS[network];
  const characters = countCodePoints(text);
  const counters: CaptionCounters = {
    characters,
    weightedLength: null,
    hashtags: null,
    mentions: null,
    urls: null,
  };
  const violations: CaptionViolation[] = [];
  const flag = (rule: CaptionRule, limit: number, actual: number): void => {
    const over = rule === 'empty' ? limit - actual : actual - limit;
    violations.push({
      network,
      rule,
      limit,
      actual,
      over,
      message: violationMessage(network, rule, limit, actual, over),
    });
  };

  if (characters > MAX_CAPTION_INPUT) {
    // The character count is exact, so Instagram and Facebook still get their own rule.
    if (limits.maxCharacters !== undefined) flag('max_length', limits.maxCharacters, characters);
    else flag('max_input_length', MAX_CAPTION_INPUT, characters);
    return { network, valid: false, counters, limits, violations };
  }

  counters.hashtags = extractHashtags(text).length;
  counters.mentions = extractMentions(text).length;
  counters.urls = extractUrls(text).length;
  if (network === 'x') counters.weightedLength = parseTweet(text).weightedLength;

  if (BLANK.test(text)) flag('empty', 1, 0);
  if (hasInvalidCharacters(text)) {
    flag('invalid_characters', 0, text.match(INVALID_CHARACTER)?.length ?? 0);
  }
  const over = (limit: number | undefined, actual: number | null, rule: CaptionRule): void => {
    if (limit !== undefined && actual !== null && actual > limit) flag(rule, limit, actual);
  };
  over(limits.maxCharacters, characters, 'max_length');
  over(limits.maxWeightedLength, counters.weightedLength, 'max_weighted_length');
  over(limits.maxHashtags, counters.hashtags, 'max_hashtags');
  over(limits.maxMentions, counters.mentions, 'max_mentions');

  return { network, valid: violations.length === 0, counters, limits, violations };
}

/** Code points without materialising an array: a lone surrogate counts as one, like a pair. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    count++;
  }
  return count;
}

function violationMessage(
  network: SocialNetwork,
  rule: CaptionRule,
  limit: number,
  actual: number,
  over: number,
): LocalizedText {
  const name = NETWORK_NAMES[network];
  const id = (n: number): string => groupDigits(n, '.');
  const en = (n: number): string => groupDigits(n, ',');
  switch (rule) {
    case 'empty':
      return {
        id: `${name}: keterangan kosong — Karya mewajibkan teks keterangan di setiap jaringan`,
        en: `${name}: caption is empty — Karya requires caption text on every network`,
      };
    case 'invalid_characters':
      return {
        id: `${name}: keterangan berisi ${id(actual)} karakter tak sah (U+FEFF, U+FFFE atau U+FFFF); hapus karakter tersebut`,
        en: `${name}: caption contains ${en(actual)} invalid character(s) (U+FEFF, U+FFFE or U+FFFF); remove them`,
      };
    case 'max_input_length':
      return {
        id: `${name}: keterangan terlalu panjang untuk diperiksa — ${id(actual)} karakter, tidak ada jaringan yang menerima lebih dari ${id(limit)} (lebih ${id(over)})`,
        en: `${name}: caption is too long to check — ${en(actual)} characters, no network accepts more than ${en(limit)} (${en(over)} over)`,
      };
    case 'max_length':
      return {
        id: `${name}: keterangan terlalu panjang — ${id(actual)} karakter, paling banyak ${id(limit)} (lebih ${id(over)})`,
        en: `${name}: caption is too long — ${en(actual)} characters, at most ${en(limit)} (${en(over)} over)`,
      };
    case 'max_weighted_length':
      return {
        id: `${name}: keterangan terlalu panjang — panjang berbobot ${id(actual)}, paling banyak ${id(limit)} (lebih ${id(over)}; tautan dihitung 23, emoji dan huruf CJK dihitung 2)`,
        en: `${name}: caption is too long — weighted length ${en(actual)}, at most ${en(limit)} (${en(over)} over; links count 23, emoji and CJK characters count 2)`,
      };
    case 'max_hashtags':
      return {
        id: `${name}: tagar terlalu banyak — ${id(actual)}, paling banyak ${id(limit)} (lebih ${id(over)})`,
        en: `${name}: too many hashtags — ${en(actual)}, at most ${en(limit)} (${en(over)} over)`,
      };
    case 'max_mentions':
      return {
        id: `${name}: sebutan @akun terlalu banyak — ${id(actual)}, paling banyak ${id(limit)} (lebih ${id(over)})`,
        en: `${name}: too many @mentions — ${en(actual)}, at most ${en(limit)} (${en(over)} over)`,
      };
  }
}

/** Written out rather than via Intl so messages never depend on the runtime's ICU data. */
function groupDigits(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
