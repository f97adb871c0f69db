/**
 * Reconciliation matches a platform's posts against the caption Karya sent, because no live
 * network can carry an invisible marker: X counts every character (a zero-width marker would eat
 * into 280 and may be stripped), and Meta may normalise captions. So a post "is ours" when its
 * text equals the sent caption after undoing what the platform does to text, and it was created
 * after the uncertain attempt started (less a clock-skew allowance).
 *
 * What platforms do to text: all of them may trim and use \n line ends; X HTML-escapes &, < and >,
 * replaces every link with a t.co link and appends a t.co link to attached media. So links are
 * compared as "a link" (the sent URL cannot be recovered from t.co; links are found as X finds
 * them, bare domains included), and trailing links on X are dropped from both sides.
 *
 * Limitation, accepted: two posts with the same caption on one account after `since` cannot be
 * told apart; the earliest is taken. Karya never sends the same caption twice to an account in
 * the reconcile window on purpose (X and Facebook refuse duplicates anyway).
 */
import { extractUrlsWithIndices } from 'twitter-text';
import type { SocialNetwork } from '../content/rendering/template';

/** Clock skew allowed between Karya and the platform when comparing creation times. */
export const RECONCILE_SKEW_MS = 5 * 60_000;

const LINK = '\u0000link\u0000';

export function normaliseCaption(network: SocialNetwork, text: string): string {
  let out = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (network === 'x') {
    out = replaceLinks(out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    // Links at the end: the media link X appends, and any link the caption ended with.
    const trailing = new RegExp(`(\\s*${LINK})+\\s*$`);
    out = out.replace(trailing, '');
  }
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
}

/** Links as X sees them (twitter-text: also bare domains such as toko.id), each one LINK. */
function replaceLinks(text: string): string {
  let out = '';
  let at = 0;
  for (const url of extractUrlsWithIndices(text)) {
    out += text.slice(at, url.indices[0]) + LINK;
    at = url.indices[1];
  }
  return out + text.slice(at);
}

export function captionsMatch(
  network: SocialNetwork,
  published: string | null | undefined,
  sent: string,
): boolean {
  if (published === null || published === undefined) return false;
  return normaliseCaption(network, published) === normaliseCaption(network, sent);
}

/** Among candidates created after `since` (less skew) with a matching caption, the earliest. */
export function findMatch<T extends { text: string | null | undefined; createdAt: Date }>(
  network: SocialNetwork,
  candidates: readonly T[],
  caption: string,
  since: Date,
): T | undefined {
  const from = since.getTime() - RECONCILE_SKEW_MS;
  return candidates
    .filter((c) => c.createdAt.getTime() >= from && captionsMatch(network, c.text, caption))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
}
