import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Files the UI loads from outside assets/web, each at one fixed URL. This list is the whole
 * allow-list: nothing else under node_modules or assets is reachable, so there is no path to
 * traverse and no directory to list. `specifier` entries become the page's import map, letting
 * preact/hooks keep its bare `import "preact"` without a build step.
 */
export interface MappedFile {
  url: string;
  /** Relative to the project root (the app runs from there). */
  file: string;
  contentType: string;
  specifier?: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

export const MAPPED_FILES: readonly MappedFile[] = [
  {
    specifier: 'preact',
    url: '/vendor/preact.js',
    file: 'node_modules/preact/dist/preact.module.js',
    contentType: JS,
  },
  {
    specifier: 'preact/hooks',
    url: '/vendor/preact-hooks.js',
    file: 'node_modules/preact/hooks/dist/hooks.module.js',
    contentType: JS,
  },
  {
    specifier: 'htm',
    url: '/vendor/htm.js',
    file: 'node_modules/htm/dist/htm.module.js',
    contentType: JS,
  },
  // FullCalendar's classic-script build (it bundles its own Preact), its classic theme and the
  // Indonesian locale, loaded by the calendar screen only; the Temporal polyfill only for
  // browsers without Temporal.
  {
    url: '/vendor/fullcalendar.js',
    file: 'node_modules/fullcalendar/all/global.js',
    contentType: JS,
  },
  {
    url: '/vendor/fullcalendar-classic.js',
    file: 'node_modules/fullcalendar/themes/classic/global.js',
    contentType: JS,
  },
  {
    url: '/vendor/fullcalendar-id.js',
    file: 'node_modules/fullcalendar/locales/id/global.js',
    contentType: JS,
  },
  {
    url: '/vendor/fullcalendar.css',
    file: 'node_modules/fullcalendar/skeleton.css',
    contentType: CSS,
  },
  {
    url: '/vendor/fullcalendar-classic.css',
    file: 'node_modules/fullcalendar/themes/classic/theme.css',
    contentType: CSS,
  },
  {
    url: '/vendor/fullcalendar-classic-palette.css',
    file: 'node_modules/fullcalendar/themes/classic/palette.css',
    contentType: CSS,
  },
  { url: '/vendor/temporal.js', file: 'node_modules/temporal-polyfill/global.js', contentType: JS },
  // Chart.js's classic-script build for the dashboard's charts, loaded by that screen only.
  { url: '/vendor/chart.js', file: 'node_modules/chart.js/dist/chart.umd.min.js', contentType: JS },
  // The typeface of the rendered post images, so the UI and the posts look alike.
  {
    url: '/fonts/plus-jakarta-sans-400.ttf',
    file: 'assets/fonts/PlusJakartaSans_400Regular.ttf',
    contentType: 'font/ttf',
  },
  {
    url: '/fonts/plus-jakarta-sans-700.ttf',
    file: 'assets/fonts/PlusJakartaSans_700Bold.ttf',
    contentType: 'font/ttf',
  },
];

export interface LoadedFile {
  body: Buffer;
  contentType: string;
  etag: string;
}

export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Reads every mapped file once at start-up; a missing one is a broken install, so it throws. */
export function loadMappedFiles(root: string): Map<string, LoadedFile> {
  return new Map(
    MAPPED_FILES.map((mapped) => {
      const body = readFileSync(resolve(root, mapped.file));
      return [mapped.url, { body, contentType: mapped.contentType, etag: etagOf(body) }];
    }),
  );
}

export const IMPORT_MAP_MARKER = '<!-- importmap -->';

export interface IndexPage {
  html: string;
  /** CSP source for the inline import map, e.g. 'sha256-…' with quotes. */
  scriptHashSource: string;
}

/**
 * Puts the import map where index.html has the marker. Browsers accept import maps only
 * inline, and the CSP forbids inline scripts, so the page's CSP names this exact map by hash.
 */
export function buildIndexPage(template: string): IndexPage {
  if (!template.includes(IMPORT_MAP_MARKER)) {
    throw new Error(`index.html lacks the ${IMPORT_MAP_MARKER} marker`);
  }
  const imports = Object.fromEntries(
    MAPPED_FILES.filter((m) => m.specifier).map((m) => [m.specifier, m.url]),
  );
  const json = JSON.stringify({ imports });
  const hash = createHash('sha256').update(json).digest('base64');
  return {
    html: template.replace(IMPORT_MAP_MARKER, `<script type="importmap">${json}</script>`),
    scriptHashSource: `'sha256-${hash}'`,
  };
}

/** Adds a source to the script-src directive of a CSP header value (helmet's, set earlier). */
export function allowScriptSource(csp: string, source: string): string {
  const directives = csp.split(';').map((d) => d.trim());
  const index = directives.findIndex((d) => d.startsWith('script-src '));
  if (index === -1) return csp;
  directives[index] = `${directives[index]} ${source}`;
  return directives.filter((d) => d !== '').join(';');
}

/** Removes a directive (by name) from a CSP header value. */
export function dropDirective(csp: string, name: string): string {
  return csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && d !== name && !d.startsWith(`${name} `))
    .join(';');
}
