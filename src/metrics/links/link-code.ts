import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const LINK_CODE_LENGTH = 8;
/** Codes as the redirect accepts them: what we mint, with room for a longer length later. */
export const LINK_CODE_PATTERN = /^[0-9A-Za-z]{6,16}$/;

/**
 * A short, url-safe code from the CSPRNG: 8 base62 characters, about 47.6 bits, so guessing a
 * live code among even a million links takes ~2^28 tries. Bytes ≥ 248 are rejected so every
 * character is equally likely (248 = 4 × 62).
 */
export function generateLinkCode(
  length = LINK_CODE_LENGTH,
  random: (size: number) => Buffer = randomBytes,
): string {
  let code = '';
  while (code.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= 248) continue;
      code += ALPHABET[byte % 62];
      if (code.length === length) break;
    }
  }
  return code;
}
