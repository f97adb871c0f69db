import { addScript } from './fullcalendar.js';

/**
 * Chart.js is served as its classic-script build and loaded on the first visit to the
 * dashboard only. It draws on a canvas and sets sizes through the CSSOM, which the CSP allows.
 */
let loading = null;

export function loadChart() {
  loading ??= addScript('/vendor/chart.js').then(() => globalThis.Chart);
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
