/**
 * NIK (nomor induk kependudukan): 16 digits, written plain or in groups ("3174 0512 3456 0001",
 * "31.74.05.120390.0001"). Next to a keyword (NIK, KTP, nomor induk…) any 16 digits count.
 * Without one, the number must look like a real NIK — a province code, a regency/city code and
 * a district code — and must not be labelled as an order, voucher, account or barcode number.
 * Birth dates are not checked: hand-written examples rarely carry valid ones.
 */
import { chainsOutside, DigitChain, gluedToLabel } from './digits';
import { toOriginal } from './normalise';
import { nearBefore } from './text';
import { Candidate, Detector, DetectorInput } from './types';

const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
]);

const NIK_KEYWORD =
  /(?:^|[^\p{L}])(?:nik|ktp|e-?ktp|nomor induk|no\.? ?induk|kependudukan|identitas)(?![\p{L}])/u;
const OTHER_NUMBER =
  /(?:^|[^\p{L}])(?:order|pesanan|invoice|inv|resi|awb|rek|rekening|norek|va|virtual account|voucher|kode|sku|barcode|ean|isbn|npwp|nib|ref|transaksi|id)(?![\p{L}])/u;

function plausible(digits: string): boolean {
  const province = Number(digits.slice(0, 2));
  const regency = Number(digits.slice(2, 4));
  const district = Number(digits.slice(4, 6));
  return (
    PROVINCES.has(province) &&
    ((regency >= 1 && regency <= 29) || (regency >= 71 && regency <= 79)) &&
    district >= 1 &&
    digits.slice(12) !== '0000'
  );
}

/** Groups as people write a NIK; thousands groups ("1.234.567") are prices. */
function shapedLikeNik(chain: DigitChain): boolean {
  if (chain.digits.length !== 16) return false;
  if (chain.groups.some((g) => g.separator.includes('(') || g.separator.includes(')')))
    return false;
  return (
    chain.groups.length === 1 ||
    chain.groups.every((g) => g.digits.length !== 1 && g.digits.length !== 3)
  );
}

const REASON = {
  id: 'Nomor induk kependudukan (NIK) tidak boleh dimuat: nomor ini mengidentifikasi seseorang.',
  en: 'A national identity number (NIK) must not be published: it identifies a person.',
};

export const nikDetector: Detector = {
  category: 'nik',
  detect({ norm, links }: DetectorInput): Candidate[] {
    const text = norm.text;
    const found: Candidate[] = [];
    for (const chain of chainsOutside(text, links, false)) {
      if (
        !shapedLikeNik(chain) ||
        (chain.codeLike && !gluedToLabel(text, chain, /^(?:nik|ktp)$/))
      ) {
        continue;
      }
      const start = chain.groups[0].start;
      const keyword = nearBefore(text, start, NIK_KEYWORD, 30);
      if (!keyword && (!plausible(chain.digits) || nearBefore(text, start, OTHER_NUMBER, 30)))
        continue;
      const [s, e] = toOriginal(norm, start, chain.end);
      found.push({ category: 'nik', start: s, end: e, reason: REASON });
    }
    return found;
  },
};
