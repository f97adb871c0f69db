import type { LocalizedText } from '../common/app-error';

export const MARKETPLACES = ['tokopedia', 'shopee', 'other'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export const MAX_MARKETPLACE_URL_LENGTH = 2000;
export const MAX_MARKETPLACE_LINKS = 20;
export const MAX_LINK_LABEL_LENGTH = 100;

/** Domains a marketplace's links may live on (the domain itself or any subdomain). */
const MARKETPLACE_DOMAINS: Record<Exclude<Marketplace, 'other'>, readonly string[]> = {
  // tk.tokopedia.com and tokopedia.link are Tokopedia's share/short links.
  tokopedia: ['tokopedia.com', 'tokopedia.link'],
  // shp.ee and id.shp.ee are Shopee's share/short links.
  shopee: ['shopee.co.id', 'shopee.com', 'shp.ee'],
};

const MARKETPLACE_NAMES: Record<Marketplace, string> = {
  tokopedia: 'Tokopedia',
  shopee: 'Shopee',
  other: 'other',
};

/** Names that only resolve inside a network; a public shop link never uses them. */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'intranet', 'home.arpa'];

export type MarketplaceUrlResult = { ok: true; url: string } | { ok: false; reason: LocalizedText };

function fail(id: string, en: string): MarketplaceUrlResult {
  return { ok: false, reason: { id, en } };
}

function isOnDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

function isIpLiteral(host: string): boolean {
  // The WHATWG parser already rewrote shorthand and hex IPv4 forms into dotted decimal.
  return host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * A shop link that is safe to print in posts and open from the catalogue page: an absolute
 * https URL on a public domain name, on the marketplace's own domains for Tokopedia and Shopee.
 * IP literals are refused outright (not only private ranges): real shop links use names, and
 * a bare IP in a public post is a phishing signal. Returns the normalised URL.
 */
export function validateMarketplaceUrl(
  marketplace: Marketplace,
  input: string,
): MarketplaceUrlResult {
  const raw = input.trim();
  if (raw.length === 0) return fail('Alamat tautan wajib diisi', 'The link address is required');
  if (raw.length > MAX_MARKETPLACE_URL_LENGTH) {
    return fail(
      `Alamat tautan paling panjang ${MAX_MARKETPLACE_URL_LENGTH} karakter`,
      `The link address must be at most ${MAX_MARKETPLACE_URL_LENGTH} characters`,
    );
  }
  if (/\s/.test(raw) || hasControlCharacter(raw)) {
    return fail(
      'Alamat tautan tidak boleh berisi spasi atau karakter kontrol',
      'The link address must not contain spaces or control characters',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(
      'Alamat tautan harus lengkap, diawali https://',
      'The link must be a full address starting with https://',
    );
  }
  if (url.protocol !== 'https:') {
    return fail('Alamat tautan harus diawali https://', 'The link must start with https://');
  }
  if (url.username !== '' || url.password !== '') {
    return fail(
      'Alamat tautan tidak boleh memuat nama pengguna atau kata sandi',
      'The link must not contain a user name or password',
    );
  }
  if (url.port !== '') {
    return fail('Alamat tautan tidak boleh memakai port khusus', 'The link must not use a port');
  }
  url.hostname = url.hostname.replace(/\.$/, '');
  const host = url.hostname;
  if (isIpLiteral(host)) {
    return fail('Gunakan nama domain, bukan alamat IP', 'Use a domain name, not an IP address');
  }
  if (!host.includes('.') || PRIVATE_SUFFIXES.some((suffix) => isOnDomain(host, suffix))) {
    return fail('Alamat tautan harus berupa domain publik', 'The link must be on a public domain');
  }
  if (marketplace !== 'other') {
    const domains = MARKETPLACE_DOMAINS[marketplace];
    if (!domains.some((domain) => isOnDomain(host, domain))) {
      const name = MARKETPLACE_NAMES[marketplace];
      const list = domains.join(', ');
      return fail(
        `Tautan ${name} harus berada di domain ${list}`,
        `A ${name} link must be on ${list}`,
      );
    }
  }
  const normalised = url.href;
  if (normalised.length > MAX_MARKETPLACE_URL_LENGTH) {
    return fail(
      `Alamat tautan paling panjang ${MAX_MARKETPLACE_URL_LENGTH} karakter`,
      `The link address must be at most ${MAX_MARKETPLACE_URL_LENGTH} characters`,
    );
  }
  return { ok: true, url: normalised };
}

/** Optional display text for a link; blank means none. */
export function normalizeLinkLabel(input: string | null | undefined): string | null {
  const label = input?.trim() ?? '';
  return label === '' ? null : label;
}
