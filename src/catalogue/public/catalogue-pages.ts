import { slugify } from '../../institutions/slug';
import { formatRupiah } from '../rupiah';
import { escapeHtml, jsonForScript, page } from './html';

/** What the pages show; built by the service from cleared photos of active products only. */
export interface CatalogueInstitution {
  name: string;
  slug: string;
  region: string;
  brand: { primary: string; text: string };
}

export interface CataloguePhoto {
  /** Same-origin path, e.g. /katalog/<slug>/foto/<id>.jpg */
  path: string;
  thumbnailPath: string;
  alt: string;
}

export interface CatalogueButton {
  label: string;
  /** The tracked short link. */
  url: string;
}

export interface CatalogueProduct {
  id: string;
  name: string;
  description: string;
  priceRupiah: number;
  workshopName: string;
  /** Same-origin path of the product page. */
  path: string;
  photos: CataloguePhoto[];
  buttons: CatalogueButton[];
}

export interface CatalogueWorkshop {
  name: string;
  description: string;
  products: CatalogueProduct[];
}

const PLACEHOLDER =
  '<div class="photo-placeholder" role="img" aria-label="Foto belum tersedia">Foto belum tersedia</div>';
const DESCRIPTION_LIMIT = 200;

/** "Kaos Sablon" + id → "kaos-sablon-<id>": readable, and the id keeps it unique and stable. */
export function productPathSegment(product: { id: string; name: string }): string {
  const words = slugify(product.name);
  return words === '' ? product.id : `${words}-${product.id}`;
}

const SEGMENT = /^(?:[a-z0-9-]*-)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The product id in a path segment, or null. */
export function productIdOf(segment: string): string | null {
  return SEGMENT.exec(segment)?.[1] ?? null;
}

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= DESCRIPTION_LIMIT ? flat : `${flat.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}

function metaTags(tags: Record<string, string | undefined>, attribute: 'property' | 'name') {
  return Object.entries(tags)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`)
    .join('\n');
}

interface SocialMeta {
  type: 'website' | 'product';
  title: string;
  description: string;
  url: string;
  image?: string;
  imageAlt?: string;
  siteName: string;
}

function socialHead(meta: SocialMeta): string {
  return [
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
    `<link rel="canonical" href="${escapeHtml(meta.url)}">`,
    metaTags(
      {
        'og:type': meta.type,
        'og:locale': 'id_ID',
        'og:site_name': meta.siteName,
        'og:title': meta.title,
        'og:description': meta.description,
        'og:url': meta.url,
        'og:image': meta.image,
        'og:image:alt': meta.image ? meta.imageAlt : undefined,
      },
      'property',
    ),
    metaTags(
      {
        'twitter:card': meta.image ? 'summary_large_image' : 'summary',
        'twitter:title': meta.title,
        'twitter:description': meta.description,
        'twitter:image': meta.image,
        'twitter:image:alt': meta.image ? meta.imageAlt : undefined,
      },
      'name',
    ),
  ].join('\n');
}

/** schema.org Product with its offer; `base` makes the paths absolute. */
export function productJsonLd(
  product: CatalogueProduct,
  institution: CatalogueInstitution,
  base: string,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    description: product.description || `${product.name}, karya warga binaan ${institution.name}`,
    ...(product.photos.length > 0 ? { image: product.photos.map((p) => base + p.path) } : {}),
    category: product.workshopName,
    brand: { '@type': 'Brand', name: institution.name },
    url: base + product.path,
    offers: {
      '@type': 'Offer',
      price: String(product.priceRupiah),
      priceCurrency: 'IDR',
      availability: 'https://schema.org/InStock',
      url: base + product.path,
    },
  };
}

function ldScript(value: unknown): string {
  return `<script type="application/ld+json">${jsonForScript(value)}</script>`;
}

function productCard(product: CatalogueProduct): string {
  const photo = product.photos[0];
  const image = photo
    ? `<img src="${escapeHtml(photo.thumbnailPath)}" alt="${escapeHtml(photo.alt || product.name)}" loading="lazy" width="400" height="400">`
    : PLACEHOLDER;
  return `<li class="card"><a href="${escapeHtml(product.path)}">${image}<div class="body">
<h3>${escapeHtml(product.name)}</h3><p class="price">${escapeHtml(formatRupiah(product.priceRupiah))}</p>
</div></a></li>`;
}

function homePathOf(institution: CatalogueInstitution): string {
  return `/katalog/${institution.slug}`;
}

function header(institution: CatalogueInstitution): string {
  return `<header class="site"><h1><a href="${escapeHtml(homePathOf(institution))}">${escapeHtml(institution.name)}</a></h1>
<p>Katalog karya warga binaan · ${escapeHtml(institution.region)}</p></header>`;
}

/** A page of the institution's catalogue: its brand, its header and the link-preview tags. */
function cataloguePage(
  institution: CatalogueInstitution,
  meta: Omit<SocialMeta, 'siteName'>,
  head: readonly string[],
  main: string,
): string {
  return page({
    title: meta.title,
    brand: institution.brand,
    head: [socialHead({ ...meta, siteName: institution.name }), ...head].join('\n'),
    body: `${header(institution)}<main>${main}</main>`,
  });
}

export function institutionPage(
  institution: CatalogueInstitution,
  workshops: readonly CatalogueWorkshop[],
  base: string,
): string {
  const homePath = homePathOf(institution);
  const products = workshops.flatMap((w) => w.products);
  const title = `Katalog ${institution.name}`;
  const description = `Produk karya warga binaan ${institution.name}: ${products.length} produk dari ${workshops.length} bengkel kerja.`;
  const cover = products.flatMap((p) => p.photos)[0];
  const sections =
    workshops.length === 0
      ? '<p>Belum ada produk yang ditampilkan.</p>'
      : workshops
          .map(
            (w) => `<section><h2>${escapeHtml(w.name)}</h2>
${w.description ? `<p class="workshop">${escapeHtml(w.description)}</p>` : ''}
<ul class="grid">${w.products.map(productCard).join('\n')}</ul></section>`,
          )
          .join('\n');
  return cataloguePage(
    institution,
    {
      type: 'website',
      title,
      description,
      url: base + homePath,
      image: cover ? base + cover.path : undefined,
      imageAlt: cover?.alt,
    },
    [
      ldScript({
        '@context': 'https://schema.org',
        '@type': 'ItemList',
        name: title,
        itemListElement: products.map((p, i) => ({
          '@type': 'ListItem',
          position: i + 1,
          url: base + p.path,
          name: p.name,
        })),
      }),
    ],
    sections,
  );
}

export function productPage(
  institution: CatalogueInstitution,
  product: CatalogueProduct,
  base: string,
): string {
  const homePath = homePathOf(institution);
  const title = `${product.name} · ${institution.name}`;
  const description = summary(
    product.description ||
      `${product.name}, karya warga binaan ${institution.name}, ${formatRupiah(product.priceRupiah)}.`,
  );
  const [main, ...more] = product.photos;
  const mainImage = main
    ? `<img src="${escapeHtml(main.path)}" alt="${escapeHtml(main.alt || product.name)}">`
    : PLACEHOLDER;
  const gallery =
    more.length > 0
      ? `<div class="gallery">${more
          .map(
            (p) =>
              `<a href="${escapeHtml(p.path)}"><img src="${escapeHtml(p.thumbnailPath)}" alt="${escapeHtml(p.alt || product.name)}" loading="lazy"></a>`,
          )
          .join('')}</div>`
      : '';
  const buttons =
    product.buttons.length > 0
      ? `<div class="buy">${product.buttons
          .map(
            (b) =>
              `<a href="${escapeHtml(b.url)}" rel="nofollow noopener">Beli di ${escapeHtml(b.label)}</a>`,
          )
          .join('')}</div>`
      : '<p>Hubungi lembaga untuk pemesanan.</p>';
  const paragraphs = product.description
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('\n');
  return cataloguePage(
    institution,
    {
      type: 'product',
      title,
      description,
      url: base + product.path,
      image: main ? base + main.path : undefined,
      imageAlt: main?.alt || product.name,
    },
    [
      metaTags(
        {
          'product:price:amount': String(product.priceRupiah),
          'product:price:currency': 'IDR',
        },
        'property',
      ),
      ldScript(productJsonLd(product, institution, base)),
    ],
    `<article class="product">
${mainImage}${gallery}
<h2>${escapeHtml(product.name)}</h2>
<p class="price">${escapeHtml(formatRupiah(product.priceRupiah))}</p>
<p class="workshop">Bengkel kerja: ${escapeHtml(product.workshopName)}</p>
${paragraphs}
${buttons}
<p><a href="${escapeHtml(homePath)}">← Semua produk ${escapeHtml(institution.name)}</a></p>
</article>`,
  );
}

export interface SitemapEntry {
  path: string;
  lastModified: Date;
}

export function sitemapXml(entries: readonly SitemapEntry[], base: string): string {
  const urls = entries
    .map(
      (e) =>
        `<url><loc>${escapeHtml(base + e.path)}</loc><lastmod>${e.lastModified.toISOString()}</lastmod></url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}
</urlset>
`;
}

/** Crawlers may read the catalogue and nothing else: the API, the app and the short links. */
export function robotsTxt(base: string): string {
  return `User-agent: *
Allow: /katalog/
Disallow: /api/
Disallow: /l/
Disallow: /r/
Disallow: /ui/
Sitemap: ${base}/sitemap.xml
`;
}
