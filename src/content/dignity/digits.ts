/**
 * Digit chains: runs of digit groups joined by one separator (space, dot, dash, or a
 * parenthesis around a group), as people write phone numbers and NIKs. "0812 - 3456" (a spaced
 * dash, like a price range) and "/" end a chain.
 */
import { isWordChar, Range } from './text';

export interface DigitGroup {
  digits: string;
  start: number;
  end: number;
  /** Separator characters between the previous group and this one ('' for the first). */
  separator: string;
}

export interface DigitChain {
  groups: DigitGroup[];
  digits: string;
  /** Start including a leading "(" and "+" when present. */
  start: number;
  end: number;
  /** The chain is glued to a code such as "KB-0812" or "ID3111…". */
  codeLike: boolean;
}

const SEPARATOR = /^(?:\)?[ .-]?\(?)/;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function readGroup(text: string, i: number): number {
  while (isDigit(text[i])) i++;
  return i;
}

function digitChains(text: string): DigitChain[] {
  const chains: DigitChain[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]) || isDigit(text[i - 1])) {
      i++;
      continue;
    }
    const groups: DigitGroup[] = [];
    let end = readGroup(text, i);
    groups.push({ digits: text.slice(i, end), start: i, end, separator: '' });
    for (;;) {
      const sep = SEPARATOR.exec(text.slice(end, end + 3))?.[0] ?? '';
      if (!sep || !isDigit(text[end + sep.length])) break;
      const open = sep.endsWith('(');
      const next = end + sep.length;
      const groupEnd = readGroup(text, next);
      // An opened parenthesis must close right after its group: "(0) 812", "(0812) 555".
      if (open && text[groupEnd] !== ')') break;
      groups.push({
        digits: text.slice(next, groupEnd),
        start: next,
        end: groupEnd,
        separator: sep,
      });
      end = groupEnd;
    }
    let start = i;
    if (text[start - 1] === ' ' && text[start - 2] === '+') start -= 2;
    else if (text[start - 1] === '+') start--;
    // "(0812) 555-1234", "(+62) 812…": the parenthesis belongs to the number only around a prefix.
    if (text[start - 1] === '(' && groups.length > 1 && groups[1].separator.startsWith(')'))
      start--;
    const before = text[start - 1];
    const codeLike =
      isWordChar(before) ||
      ((before === '-' || before === '_' || before === '/') && isWordChar(text[start - 2])) ||
      isWordChar(text[end]);
    chains.push({ groups, digits: groups.map((g) => g.digits).join(''), start, end, codeLike });
    i = end;
  }
  return chains;
}

/**
 * Chains outside links. Numbers inside wa.me / api.whatsapp.com links are kept when
 * `keepWhatsApp` is set (such a link is a personal number) and count as not glued to a code.
 */
export function chainsOutside(text: string, links: Range[], keepWhatsApp: boolean): DigitChain[] {
  const kept: DigitChain[] = [];
  let next = 0;
  for (const chain of digitChains(text)) {
    // Links and chains both come in text order.
    while (next < links.length && links[next][1] <= chain.start) next++;
    const link = next < links.length && links[next][0] < chain.end ? links[next] : undefined;
    if (!link) kept.push(chain);
    else if (keepWhatsApp && /wa\.me\/|whatsapp/.test(text.slice(link[0], link[1]))) {
      kept.push({ ...chain, codeLike: isWordChar(text[chain.end]) });
    }
  }
  return kept;
}

/** A chain glued only to a label such as "WA0812…" or "NIK3174…" is not part of a code. */
export function gluedToLabel(text: string, chain: DigitChain, labels: RegExp): boolean {
  if (isWordChar(text[chain.end])) return false;
  const before = /\p{L}+$/u.exec(text.slice(Math.max(0, chain.start - 12), chain.start));
  return before !== null && labels.test(before[0]);
}
