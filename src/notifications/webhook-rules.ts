/**
 * Webhook rules with no framework: the signature, which URLs may receive calls, and the retry
 * schedule. Receivers verify with the same `signWebhook` recipe (README "Webhooks").
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LocalizedText } from '../common/app-error';

export const SIGNATURE_HEADER = 'X-Karya-Signature';
export const TIMESTAMP_HEADER = 'X-Karya-Timestamp';
export const DELIVERY_HEADER = 'X-Karya-Delivery';
export const EVENT_HEADER = 'X-Karya-Event';

/** Deliveries stop after this many attempts (about 4¼ hours of retries) and are marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const FIRST_BACKOFF_MS = 30_000;

/** A new secret: 32 random bytes, prefixed so a leaked one is recognisable. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`; the timestamp is in Unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** The receiver's check: right signature, and a timestamp within `toleranceSeconds` (replays). */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Why a webhook URL is refused, or null. HTTPS only; plain HTTP to this machine is allowed
 * outside production so that staff can try a local receiver.
 */
export function webhookUrlProblem(value: string, production: boolean): LocalizedText | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { id: 'URL webhook tidak valid', en: 'The webhook URL is not a valid URL' };
  }
  if (url.username || url.password) {
    return {
      id: 'URL webhook tidak boleh memuat nama pengguna atau kata sandi',
      en: 'The webhook URL must not contain a user name or password',
    };
  }
  if (url.protocol === 'https:') return null;
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol === 'http:' && local && !production) return null;
  return {
    id: 'URL webhook harus memakai https://',
    en: 'The webhook URL must use https://',
  };
}

/** When to try a failed delivery again (exponential with jitter), or null to give up. */
export function nextDeliveryAttempt(attempts: number, now: Date, random: number): Date | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  const base = FIRST_BACKOFF_MS * 2 ** (attempts - 1);
  return new Date(now.getTime() + Math.round(base * (0.8 + 0.4 * random)));
}
