/**
 * Personal (mobile) phone numbers: 08…, +62 8…, 62 8…, with spaces, dots, dashes or a
 * parenthesised prefix, 10–13 digits in national form. Decisions:
 * - landlines ("(021) 4801234", "+62 21 …") are office numbers, not personal ones: not flagged;
 * - numbers in context.allowedPhones (the official hotline) are compared by normalised digits
 *   (0812… = 62812… = +62 812…) and never flagged;
 * - numbers in wa.me / api.whatsapp.com links are flagged like written ones;
 * - a number labelled as a bank account, order, SKU etc. is skipped unless a phone word
 *   (WA, HP, telp, hubungi…) is nearer.
 */
import { chainsOutside, DigitChain, gluedToLabel } from './digits';
import { toOriginal } from './normalise';
import { nearBefore } from './text';
import { Candidate, Detector, DetectorInput } from './types';

const PHONE_WORD =
  /(?:^|[^\p{L}])(?:wa|whatsapp|hp|handphone|telp|tlp|telepon|telpon|hubungi|kontak|contact|call|cp|sms|chat|phone|ponsel)(?![\p{L}])/u;
const OTHER_NUMBER =
  /(?:^|[^\p{L}])(?:rek|rekening|norek|a\/n|va|virtual account|resi|awb|order id|id order|(?:no\.?|nomor|id|kode) (?:order|pesanan)|invoice|inv|sku|kode|barcode|npwp|nib|pirt|bpom)(?![\p{L}])/u;

const GLUED_LABEL = /^(?:wa|hp|telp|tlp|cp|sms|call|whatsapp|phone)$/;

/** Digits in international form: "0812…" and "+62 (0) 812…" both become "62812…". */
function internationalDigits(value: string): string {
  let digits = value.replace(/\D/g, '');
  if (digits.startsWith('62')) digits = digits.slice(2).replace(/^0/, '');
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else return digits;
  return `62${digits}`;
}

function isMobile(international: string): boolean {
  const national = international.slice(2);
  return /^8[1-9]/.test(national) && national.length >= 9 && national.length <= 12;
}

function startsNumber(digits: string): boolean {
  return digits.startsWith('08') || digits.startsWith('62');
}

/** Phone numbers inside one chain, as [first group, last group] index pairs. */
function phonesIn(chain: DigitChain): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const groups = chain.groups;
  let g = 0;
  while (g < groups.length) {
    const canStart = g === 0 || groups[g].separator.includes(' ');
    let matchedTo = -1;
    if (canStart && startsNumber(groups[g].digits)) {
      let digits = '';
      for (let h = g; h < groups.length && digits.length <= 15; h++) {
        digits += groups[h].digits;
        const international = internationalDigits(digits);
        const ends = h === groups.length - 1 || startsNumber(groups[h + 1].digits);
        if (ends && international.startsWith('62') && isMobile(international)) matchedTo = h;
      }
    }
    if (matchedTo >= 0) {
      found.push([g, matchedTo]);
      g = matchedTo + 1;
    } else g++;
  }
  return found;
}

const REASON = {
  id: 'Nomor telepon pribadi tidak boleh dimuat; gunakan nomor layanan resmi institusi.',
  en: 'A personal phone number must not be published; use the institution’s official hotline.',
};

export const phoneDetector: Detector = {
  category: 'phone',
  detect({ norm, context, links }: DetectorInput): Candidate[] {
    const text = norm.text;
    const allowed = new Set(context.allowedPhones.map(internationalDigits).filter(Boolean));
    const found: Candidate[] = [];
    for (const chain of chainsOutside(text, links, true)) {
      if (chain.codeLike && !gluedToLabel(text, chain, GLUED_LABEL)) continue;
      for (const [first, last] of phonesIn(chain)) {
        const groups = chain.groups.slice(first, last + 1);
        if (allowed.has(internationalDigits(groups.map((g) => g.digits).join('')))) continue;
        const start = first === 0 ? chain.start : groups[0].start;
        const labelledOther = nearBefore(text, start, OTHER_NUMBER, 25);
        if (labelledOther && !nearBefore(text, start, PHONE_WORD, 12)) continue;
        const [s, e] = toOriginal(norm, start, groups[groups.length - 1].end);
        found.push({ category: 'phone', start: s, end: e, reason: REASON });
      }
    }
    return found;
  },
};
