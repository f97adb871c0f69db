/**
 * Platform credentials at rest: AES-256-GCM over the credential JSON.
 *
 * Format: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id is the first 8 bytes
 * of SHA-256 of the key: it names the key without revealing it, so decryption picks the right key
 * after a rotation. The version and key id, and the caller's `context` (e.g. the account row id),
 * are authenticated as associated data: a ciphertext copied to another row, or with its key id
 * edited, fails to decrypt instead of yielding someone else's token.
 *
 * Rotation (TOKEN_ENCRYPTION_KEY="new,old"): the first key encrypts, every key decrypts;
 * `needsReencryption` tells which stored values to rewrite before the old key is dropped.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class TokenDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptionError';
  }
}

interface Key {
  id: string;
  secret: Buffer;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 8).toString('hex');
}

export class TokenCrypto {
  private readonly keys: Key[];

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error('TokenCrypto needs at least one key');
    if (keys.some((k) => k.length !== KEY_BYTES)) throw new Error('Token keys must be 32 bytes');
    this.keys = keys.map((secret) => ({ id: keyId(secret), secret }));
  }

  encrypt(value: unknown, context = ''): string {
    const key = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
    cipher.setAAD(associatedData(key.id, context));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [VERSION, key.id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  /** The stored JSON value; the caller narrows its type. */
  decrypt(ciphertext: string, context = ''): unknown {
    const [version, id, iv, tag, body, ...rest] = ciphertext.split('.');
    if (version !== VERSION || body === undefined || rest.length > 0) {
      throw new TokenDecryptionError('Not a Karya token ciphertext');
    }
    const key = this.keys.find((k) => k.id === id);
    if (!key) {
      throw new TokenDecryptionError(`Encrypted with key ${id}, which is no longer configured`);
    }
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw new TokenDecryptionError('Malformed token ciphertext');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.secret, ivBytes);
      decipher.setAAD(associatedData(key.id, context));
      decipher.setAuthTag(tagBytes);
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8'));
    } catch {
      // Never echo the cause: it may carry plaintext fragments.
      throw new TokenDecryptionError('Token ciphertext failed authentication');
    }
  }

  /** The id of the key that encrypts new values (stored beside ciphertexts, see `keyIdOf`). */
  get currentKeyId(): string {
    return this.keys[0].id;
  }

  /** The id of the key a ciphertext was encrypted with (not secret). */
  keyIdOf(ciphertext: string): string {
    return ciphertext.split('.')[1] ?? '';
  }

  /** True when the value was encrypted with another key than the current first one. */
  needsReencryption(ciphertext: string): boolean {
    return this.keyIdOf(ciphertext) !== this.currentKeyId;
  }
}

function associatedData(id: string, context: string): Buffer {
  return Buffer.from(`${VERSION}.${id}.${context}`, 'utf8');
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
