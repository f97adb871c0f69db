/**
 * Planning conflicts: warnings, not errors. Staff may schedule anyway; the calendar shows them.
 *
 *   (a) POSTS_TOO_CLOSE         two posts on one account less than `minGapMinutes` apart (120)
 *   (b) PRODUCT_REPEATED        one product to one network twice within `productRepeatDays` (7),
 *                               on any of the institution's accounts on that network
 *                               (each institution sets (a) and (b) in its calendar settings;
 *                               0 turns the check off)
 *   (c) CAPTION_NEAR_DUPLICATE  a caption nearly equal to one on the same account in the
 *                               `captionLookbackDays` (30) before it: X refuses duplicates
 *
 * Caption similarity (captionSimilarity) works like PostgreSQL's pg_trgm `similarity()`: the
 * text is normalised (Unicode NFKC, lower case, URLs dropped, "#"/"@" and emoji and punctuation
 * turned into spaces), split into words, each word padded as "  word " and cut into trigrams;
 * the score is |A ∩ B| / |A ∪ B| over the two trigram sets. Word and hashtag order do not
 * count, so a reshuffled caption scores 1. A score ≥ 0.9 (`similarityThreshold`) warns: a
 * one-word change in a typical 20-40 word caption still warns, a rewritten sentence does not.
 *
 *   findConflicts({ planned, history?, focusPostIds?, options? }): ConflictWarning[]
 *   captionSimilarity(a, b): number in [0, 1]
 *   normaliseCaptionWords(text): string[]
 *
 * `planned` are the scheduled or proposed targets; `history` the published ones (at least the
 * last 30 days plus `productRepeatDays`). Only pairs with at least one planned target are
 * reported, and when `focusPostIds` is given only pairs touching one of those posts. Targets
 * of the same post are never compared with each other. Each planned post gets at most one
 * warning of each kind (the first, i.e. nearest in time): a template reused every day would
 * otherwise make every post conflict with every other, and the answer grow without bound.
 */
import type { LocalizedText } from '../common/app-error';
import type { SocialNetwork } from '../content/rendering/template';
import { DAY_MS } from './local-time';

export interface ConflictTarget {
  postId: string;
  accountId: string;
  network: SocialNetwork;
  productId: string | null;
  /** Scheduled instant, or the publication instant for history. */
  instant: Date;
  caption: string;
}

export interface ConflictOptions {
  minGapMinutes: number;
  productRepeatDays: number;
  captionLookbackDays: number;
  similarityThreshold: number;
}

/** The options each institution sets for itself (calendar settings); the rest are fixed. */
export type ConflictSettings = Pick<ConflictOptions, 'minGapMinutes' | 'productRepeatDays'>;

/** Bounds of the settings (the database checks them too): a day, and about a quarter. */
export const MAX_MIN_GAP_MINUTES = 1440;
export const MAX_PRODUCT_REPEAT_DAYS = 90;

export const DEFAULT_CONFLICT_OPTIONS: ConflictOptions = {
  minGapMinutes: 120,
  productRepeatDays: 7,
  captionLookbackDays: 30,
  similarityThreshold: 0.9,
};

/**
 * How far around the checked times targets must be read: planned ones within `marginMs`, and
 * published ones back to `lookbackMs` before.
 */
export function conflictReach(settings: ConflictSettings): {
  marginMs: number;
  lookbackMs: number;
} {
  const marginMs = Math.max(settings.productRepeatDays * DAY_MS, settings.minGapMinutes * 60_000);
  return { marginMs, lookbackMs: DEFAULT_CONFLICT_OPTIONS.captionLookbackDays * DAY_MS + marginMs };
}

export type ConflictCode = 'POSTS_TOO_CLOSE' | 'PRODUCT_REPEATED' | 'CAPTION_NEAR_DUPLICATE';

export interface ConflictWarning {
  code: ConflictCode;
  /** The two posts involved, earlier first. */
  postIds: [string, string];
  instants: [Date, Date];
  accountId?: string;
  network?: SocialNetwork;
  productId?: string;
  /** Caption similarity, for CAPTION_NEAR_DUPLICATE. */
  similarity?: number;
  message: LocalizedText;
}

export interface ConflictQuery {
  planned: readonly ConflictTarget[];
  history?: readonly ConflictTarget[];
  focusPostIds?: readonly string[];
  options?: Partial<ConflictOptions>;
}

interface Candidate extends ConflictTarget {
  planned: boolean;
}

export function findConflicts(query: ConflictQuery): ConflictWarning[] {
  const options = { ...DEFAULT_CONFLICT_OPTIONS, ...query.options };
  const focus = query.focusPostIds ? new Set(query.focusPostIds) : null;
  const all: Candidate[] = [
    ...query.planned.map((t) => ({ ...t, planned: true })),
    ...(query.history ?? []).map((t) => ({ ...t, planned: false })),
  ].sort((a, b) => a.instant.getTime() - b.instant.getTime());
  const reportable = (a: Candidate, b: Candidate): boolean =>
    a.postId !== b.postId &&
    (a.planned || b.planned) &&
    (!focus || focus.has(a.postId) || focus.has(b.postId));

  const warnings: ConflictWarning[] = [];
  const warned = new Set<string>();
  /** The planned post a pair's warning belongs to: the later one when it is planned. */
  const owner = (a: Candidate, b: Candidate): string => (b.planned ? b.postId : a.postId);
  const alreadyWarned = (code: ConflictCode, a: Candidate, b: Candidate): boolean =>
    warned.has(`${code} ${owner(a, b)}`);
  const markWarned = (code: ConflictCode, a: Candidate, b: Candidate): void => {
    warned.add(`${code} ${owner(a, b)}`);
  };
  const gapMs = options.minGapMinutes * 60_000;
  for (const group of groupBy(all, (t) => t.accountId)) {
    forPairsWithin(group, gapMs, (a, b) => {
      if (!reportable(a, b) || alreadyWarned('POSTS_TOO_CLOSE', a, b)) return;
      markWarned('POSTS_TOO_CLOSE', a, b);
      const minutes = Math.round((b.instant.getTime() - a.instant.getTime()) / 60_000);
      warnings.push({
        ...pair('POSTS_TOO_CLOSE', a, b),
        accountId: a.accountId,
        message: {
          id: `Dua posting di akun yang sama berjarak ${minutes} menit; jarak minimal ${options.minGapMinutes} menit`,
          en: `Two posts on the same account are ${minutes} minutes apart; the minimum gap is ${options.minGapMinutes} minutes`,
        },
      });
    });
  }

  const withProduct = all.filter((t) => t.productId !== null);
  // Two posts that each go to two Instagram accounts are still one repeat, not four.
  const reportedRepeats = new Set<string>();
  for (const group of groupBy(withProduct, (t) => `${t.network} ${t.productId}`)) {
    forPairsWithin(group, options.productRepeatDays * DAY_MS, (a, b) => {
      const key = `${a.network} ${a.postId} ${b.postId}`;
      if (!reportable(a, b) || reportedRepeats.has(key)) return;
      if (alreadyWarned('PRODUCT_REPEATED', a, b)) return;
      reportedRepeats.add(key);
      markWarned('PRODUCT_REPEATED', a, b);
      warnings.push({
        ...pair('PRODUCT_REPEATED', a, b),
        network: a.network,
        productId: a.productId!,
        message: {
          id: `Produk yang sama dijadwalkan dua kali di ${a.network} dalam ${options.productRepeatDays} hari`,
          en: `The same product goes to ${a.network} twice within ${options.productRepeatDays} days`,
        },
      });
    });
  }

  const trigrams = new TrigramSets();
  for (const group of groupBy(all, (t) => t.accountId)) {
    // Only the later post of a pair is the one a platform would refuse.
    const window = options.captionLookbackDays * DAY_MS;
    // Only a planned post can be refused, so only planned posts are scanned as the later side.
    const plannedLater = (b: Candidate): boolean => b.planned;
    forPairsWithin(
      group,
      window,
      (a, b) => {
        if (!reportable(a, b) || alreadyWarned('CAPTION_NEAR_DUPLICATE', a, b)) return;
        const similarity = jaccard(trigrams.of(a.caption), trigrams.of(b.caption));
        if (similarity < options.similarityThreshold) return;
        markWarned('CAPTION_NEAR_DUPLICATE', a, b);
        const percent = Math.round(similarity * 100);
        warnings.push({
          ...pair('CAPTION_NEAR_DUPLICATE', a, b),
          accountId: a.accountId,
          similarity,
          message: {
            id: `Caption ${percent}% sama dengan posting lain di akun ini dalam ${options.captionLookbackDays} hari terakhir; X menolak posting duplikat`,
            en: `Caption is ${percent}% similar to another post on this account in the last ${options.captionLookbackDays} days; X refuses duplicate posts`,
          },
        });
      },
      plannedLater,
    );
  }
  return warnings;
}

export function normaliseCaptionWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\b(?:https?:\/\/|www\.)\S+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
}

export function captionSimilarity(a: string, b: string): number {
  const trigrams = new TrigramSets();
  return jaccard(trigrams.of(a), trigrams.of(b));
}

function captionTrigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of normaliseCaptionWords(text)) {
    const chars = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  }
  return grams;
}

/**
 * Trigram sets as sorted arrays of numbers, one number per distinct trigram, each caption's
 * worked out once: a week view compares tens of thousands of caption pairs, and merging two
 * short sorted number arrays is far quicker than probing a set of strings.
 */
class TrigramSets {
  private readonly numbers = new Map<string, number>();
  private readonly sets = new Map<string, Uint32Array>();

  of(caption: string): Uint32Array {
    let set = this.sets.get(caption);
    if (!set) {
      const grams = [...captionTrigrams(caption)].map((gram) => {
        let n = this.numbers.get(gram);
        if (n === undefined) this.numbers.set(gram, (n = this.numbers.size));
        return n;
      });
      set = Uint32Array.from(grams).sort();
      this.sets.set(caption, set);
    }
    return set;
  }
}

/** |A ∩ B| / |A ∪ B| of two sorted arrays of distinct numbers. */
function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

function pair(
  code: ConflictCode,
  a: Candidate,
  b: Candidate,
): Pick<ConflictWarning, 'code' | 'postIds' | 'instants'> {
  return { code, postIds: [a.postId, b.postId], instants: [a.instant, b.instant] };
}

/** Calls `visit(earlier, later)` for each pair less than `windowMs` apart; `items` sorted by instant. */
/** Visits each pair closer than `windowMs`, nearest first; `laterOnly` limits the later side. */
function forPairsWithin(
  items: readonly Candidate[],
  windowMs: number,
  visit: (a: Candidate, b: Candidate) => void,
  laterOnly: (b: Candidate) => boolean = () => true,
): void {
  for (let j = 1; j < items.length; j++) {
    if (!laterOnly(items[j])) continue;
    const later = items[j].instant.getTime();
    for (let i = j - 1; i >= 0 && later - items[i].instant.getTime() < windowMs; i--) {
      visit(items[i], items[j]);
    }
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
