import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'karya_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads the token from the Authorization header (API clients) or the session cookie (UI). */
export function extractSessionToken(
  authorization: string | undefined,
  cookies: Record<string, string> | undefined,
): string | undefined {
  const match = authorization?.match(/^Bearer\s+([A-Za-z0-9_-]{20,200})$/);
  if (match) return match[1];
  const cookie = cookies?.[SESSION_COOKIE];
  return cookie && /^[A-Za-z0-9_-]{20,200}$/.test(cookie) ? cookie : undefined;
}
