/**
 * The content hash a render is cached under: same template version, same photos, brand and
 * variables → same key → same image. The key identifies content; it is NOT a secret. Public
 * URLs must add their own random token, because anyone who knows the inputs can compute it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fontFile, FONT_WEIGHTS } from './fonts';
import { RenderInput, validateInput } from './render-input';
import type { Template } from './template';

/** Bump when rendering code changes what the same inputs look like. */
export const RENDERER_VERSION = 1;

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

let fontsDigest: string | undefined;

/** Swapping a bundled font changes every image, so it changes every key too. */
function bundledFontsDigest(): string {
  fontsDigest ??= sha256(FONT_WEIGHTS.map((w) => sha256(readFileSync(fontFile(w)))).join(''));
  return fontsDigest;
}

export function renderCacheKey(template: Template, input: RenderInput): string {
  const valid = validateInput(input);
  return sha256(
    canonicalJson({
      renderer: RENDERER_VERSION,
      fonts: bundledFontsDigest(),
      template: {
        id: template.id,
        version: template.version,
        content: sha256(canonicalJson(template)),
      },
      photos: valid.photos.map((p) => sha256(p)),
      logo: valid.logo ? sha256(valid.logo) : null,
      backgroundImage: valid.backgroundImage ? sha256(valid.backgroundImage) : null,
      brand: {
        primary: valid.brand.primary.toLowerCase(),
        secondary: valid.brand.secondary.toLowerCase(),
        text: valid.brand.text.toLowerCase(),
      },
      variables: valid.variables,
    }),
  );
}
