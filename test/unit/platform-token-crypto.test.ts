import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { keyId, TokenCrypto, TokenDecryptionError } from '../../src/platforms/token-crypto';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const credentials = {
  type: 'x_oauth2',
  accessToken: 'at-123',
  refreshToken: 'rt-456',
  expiresAt: '2026-07-01T05:00:00Z',
};

function tamper(ciphertext: string, part: number): string {
  const parts = ciphertext.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('token encryption', () => {
  it('round-trips credential JSON and never shows the token', () => {
    const crypto = new TokenCrypto([newKey]);
    const sealed = crypto.encrypt(credentials, 'account-1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('at-123');
    expect(crypto.decrypt(sealed, 'account-1')).toEqual(credentials);
  });

  it('uses a fresh IV each time', () => {
    const crypto = new TokenCrypto([newKey]);
    expect(crypto.encrypt(credentials)).not.toBe(crypto.encrypt(credentials));
  });

  it.each([
    ['the IV', 2],
    ['the tag', 3],
    ['the ciphertext', 4],
  ])('refuses a value whose %s was changed', (_name, part) => {
    const crypto = new TokenCrypto([newKey]);
    const sealed = crypto.encrypt(credentials);
    expect(() => crypto.decrypt(tamper(sealed, part))).toThrow(TokenDecryptionError);
  });

  it('refuses a value copied to another account', () => {
    const crypto = new TokenCrypto([newKey]);
    const sealed = crypto.encrypt(credentials, 'account-1');
    expect(() => crypto.decrypt(sealed, 'account-2')).toThrow('failed authentication');
  });

  it('refuses a value relabelled with another configured key id', () => {
    const crypto = new TokenCrypto([newKey, oldKey]);
    const sealed = crypto.encrypt(credentials);
    const relabelled = sealed.replace(keyId(newKey), keyId(oldKey));
    expect(() => crypto.decrypt(relabelled)).toThrow(TokenDecryptionError);
  });

  it.each(['', 'plain', 'v2.a.b.c.d', 'v1.a.b.c.d.e', 'v1.0011223344556677.AA.AA.AA'])(
    'refuses malformed input %j',
    (input) => {
      expect(() => new TokenCrypto([newKey]).decrypt(input)).toThrow(TokenDecryptionError);
    },
  );
});

describe('key rotation', () => {
  it('decrypts with any configured key and encrypts with the first', () => {
    const before = new TokenCrypto([oldKey]);
    const sealedOld = before.encrypt(credentials, 'a');

    const rotated = new TokenCrypto([newKey, oldKey]);
    expect(rotated.decrypt(sealedOld, 'a')).toEqual(credentials);
    expect(rotated.needsReencryption(sealedOld)).toBe(true);

    const resealed = rotated.encrypt(rotated.decrypt(sealedOld, 'a'), 'a');
    expect(rotated.needsReencryption(resealed)).toBe(false);
    expect(resealed.split('.')[1]).toBe(keyId(newKey));
    expect(new TokenCrypto([newKey]).decrypt(resealed, 'a')).toEqual(credentials);
  });

  it('tells which key sealed a value, to store beside it', () => {
    const rotated = new TokenCrypto([newKey, oldKey]);
    expect(rotated.currentKeyId).toBe(keyId(newKey));
    const sealedOld = new TokenCrypto([oldKey]).encrypt(credentials, 'a');
    expect(rotated.keyIdOf(sealedOld)).toBe(keyId(oldKey));
    expect(rotated.keyIdOf(rotated.encrypt(credentials, 'a'))).toBe(keyId(newKey));
  });

  it('names a key that was dropped too early', () => {
    const sealedOld = new TokenCrypto([oldKey]).encrypt(credentials);
    expect(() => new TokenCrypto([newKey]).decrypt(sealedOld)).toThrow(
      `Encrypted with key ${keyId(oldKey)}, which is no longer configured`,
    );
  });

  it('accepts only 32-byte keys', () => {
    expect(() => new TokenCrypto([])).toThrow();
    expect(() => new TokenCrypto([randomBytes(16)])).toThrow('32 bytes');
  });
});
