export const DEFAULT_BRAND = '#0B4F6C';

function luminance(hex) {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast of a colour against white. */
export function contrastWithWhite(hex) {
  return 1.05 / (luminance(hex) + 0.05);
}

/**
 * Uses the institution's brand colour for the header and buttons when white text on it stays
 * readable (4.5:1); otherwise the default, so a pale brand never makes the UI illegible.
 */
export function applyBrand(colour) {
  const valid = typeof colour === 'string' && /^#[0-9a-f]{6}$/i.test(colour);
  const brand = valid && contrastWithWhite(colour) >= 4.5 ? colour : DEFAULT_BRAND;
  document.documentElement.style.setProperty('--brand', brand);
}
