/** The configured protected names, normalised and indexed by token. */
import { foldText } from './normalise';
import { AMBIGUOUS_NAME_WORDS, NAME_CLITICS, NAME_TITLES } from './name-words';
import { letterTokens, memoByKey } from './text';

export interface NameEntry {
  tokens: string[];
  /** Tokens run together, as in a hashtag ("budisantoso"). */
  joined: string;
}

export interface NameHit {
  entry: NameEntry;
  /** Index of the matched token in entry.tokens. */
  pos: number;
}

export interface NameIndex {
  entries: NameEntry[];
  byToken: Map<string, NameHit[]>;
}

/** "H. Ahmad Dahlan, S.Pd." → ["ahmad", "dahlan"]: degrees after a comma and titles dropped. */
export function nameTokens(name: string): string[] {
  const tokens = letterTokens(foldText(name.split(',')[0]));
  const withoutTitles = tokens.filter((t) => !NAME_TITLES.has(t));
  return withoutTitles.length > 0 ? withoutTitles : tokens;
}

const indexFor = memoByKey((key: string) => buildIndex(key.split('\u0000')));

/** The index for a name list, built once per distinct list. */
export function buildNameIndex(names: string[]): NameIndex {
  return indexFor(names.join('\u0000'));
}

function buildIndex(names: string[]): NameIndex {
  const entries: NameEntry[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const tokens = nameTokens(name);
    const key = tokens.join(' ');
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    entries.push({ tokens, joined: tokens.join('') });
  }
  const byToken = new Map<string, NameHit[]>();
  for (const entry of entries) {
    entry.tokens.forEach((token, pos) => {
      const hits = byToken.get(token) ?? [];
      hits.push({ entry, pos });
      byToken.set(token, hits);
    });
  }
  return { entries, byToken };
}

export function isAmbiguous(token: string): boolean {
  return AMBIGUOUS_NAME_WORDS.has(token);
}

/** Hits for a text word, also through a clitic ("budinya" → "budi") for distinctive names. */
export function lookupName(index: NameIndex, word: string): { hits: NameHit[]; clitic: boolean } {
  const direct = index.byToken.get(word);
  if (direct) return { hits: direct, clitic: false };
  for (const clitic of NAME_CLITICS) {
    const stem = word.slice(0, -clitic.length);
    if (!word.endsWith(clitic) || stem.length < 3 || isAmbiguous(stem)) continue;
    const hits = index.byToken.get(stem);
    if (hits) return { hits, clitic: true };
  }
  return { hits: [], clitic: false };
}
