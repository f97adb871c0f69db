/**
 * FullCalendar is served as its classic-script build (it brings its own Preact, kept apart
 * from ours); it is loaded on the first visit to the calendar only. The CSP allows scripts
 * from our origin, so plain <script src> tags do.
 */
let loading = null;

/** A classic script of ours (vendor builds the CSP allows: same origin), once it has run. */
export function addScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error(`${src} did not load`)));
    document.head.append(script);
  });
}

function addStyle(href) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

export function loadFullCalendar() {
  loading ??= (async () => {
    for (const href of [
      '/vendor/fullcalendar.css',
      '/vendor/fullcalendar-classic.css',
      '/vendor/fullcalendar-classic-palette.css',
    ]) {
      addStyle(href);
    }
    if (!('Temporal' in globalThis)) await addScript('/vendor/temporal.js');
    await addScript('/vendor/fullcalendar.js');
    await addScript('/vendor/fullcalendar-classic.js');
    await addScript('/vendor/fullcalendar-id.js');
    return globalThis.FullCalendar;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
