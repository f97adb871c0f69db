/**
 * The public pages' HTML, written as strings: every value from the database goes through
 * escapeHtml (or jsonForScript inside the JSON-LD block). No script runs on these pages.
 */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * JSON for a <script type="application/ld+json"> block: `<` is escaped so no value can close
 * the script element or open a comment; U+2028/9 for older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Mobile-first, system fonts, no external files: the page is one request plus its photos. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f5f2;line-height:1.5}
a{color:inherit}
header.site{background:var(--brand,#1d4e89);color:var(--brand-text,#fff);padding:1.25rem 1rem}
header.site h1{margin:0;font-size:1.4rem}
header.site p{margin:.25rem 0 0;opacity:.9}
main{max-width:64rem;margin:0 auto;padding:1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.75rem;list-style:none;padding:0;margin:0}
.card{background:#fff;border-radius:.5rem;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card a{text-decoration:none;display:block}
.card img,.photo-placeholder{display:block;width:100%;aspect-ratio:1/1;object-fit:cover;background:#e7e4dc}
.photo-placeholder{display:flex;align-items:center;justify-content:center;color:#6b6860;font-size:.85rem;text-align:center;padding:.5rem}
.card .body{padding:.5rem .75rem .75rem}
.card h3{font-size:.95rem;margin:0}
.price{font-weight:700;margin:.25rem 0 0}
.workshop{color:#57534e;font-size:.85rem;margin:0}
.buy{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.buy a{display:inline-block;padding:.7rem 1rem;border-radius:.4rem;background:var(--brand,#1d4e89);color:var(--brand-text,#fff);text-decoration:none;font-weight:600}
.product{background:#fff;border-radius:.5rem;padding:1rem}
.product img,.product .photo-placeholder{max-width:32rem;width:100%;border-radius:.4rem}
.gallery{display:flex;gap:.5rem;overflow-x:auto;margin:.5rem 0}
.gallery img{width:6rem;height:6rem;object-fit:cover;border-radius:.3rem}
footer{color:#57534e;font-size:.8rem;text-align:center;padding:2rem 1rem}
@media (min-width:40rem){header.site{padding:2rem}header.site h1{font-size:1.8rem}.grid{grid-template-columns:repeat(auto-fill,minmax(13rem,1fr))}}
`;

export interface PageShell {
  title: string;
  /** Extra <head> content, already escaped (meta tags, JSON-LD). */
  head?: string;
  /** Already escaped. */
  body: string;
  brand?: { primary: string; text: string };
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function brandStyle(brand: PageShell['brand']): string {
  if (!brand || !HEX_COLOUR.test(brand.primary) || !HEX_COLOUR.test(brand.text)) return '';
  return `:root{--brand:${brand.primary};--brand-text:${brand.text}}`;
}

export function page(shell: PageShell): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shell.title)}</title>
${shell.head ?? ''}
<style>${STYLE}${brandStyle(shell.brand)}</style>
</head>
<body>
${shell.body}
<footer>Karya warga binaan pemasyarakatan Indonesia</footer>
</body>
</html>
`;
}

/** The 404 page of unknown links, institutions and products: a page, never a trace or JSON. */
export function notFoundPage(): string {
  return page({
    title: 'Halaman tidak ditemukan',
    head: '<meta name="robots" content="noindex">',
    body: `<header class="site"><h1>Halaman tidak ditemukan</h1></header>
<main><p>Maaf, tautan atau halaman yang Anda buka tidak ada atau sudah tidak berlaku.</p>
<p>Periksa kembali alamatnya, atau lihat katalog produk lembaga pemasyarakatan dari akun media sosial resminya.</p></main>`,
  });
}
