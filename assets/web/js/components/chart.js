import { useEffect, useRef, useState } from 'preact/hooks';
import { loadChart } from '../lib/chart.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

/** Series colours, 3:1 or more against white (WCAG non-text contrast). */
export const SERIES_COLOURS = ['#0b4f6c', '#b5541c', '#5b3f99', '#1b6636'];

/**
 * A Chart.js chart in a box of fixed height, so nothing moves when the script and data arrive.
 * The canvas is an image named by `label`; the same figures are in a table next to it.
 * `config` is rebuilt from data by the caller; the chart is redrawn when it changes.
 */
export function ChartBox({ label, config }) {
  const canvas = useRef(null);
  const [failed, setFailed] = useState(false);
  const signature = JSON.stringify(config);
  useEffect(() => {
    let chart = null;
    let live = true;
    loadChart().then(
      (Chart) => {
        if (!live || !canvas.current) return;
        chart = new Chart(canvas.current, {
          ...config,
          options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            ...config.options,
          },
        });
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
    // The signature stands for the config: a new object with the same figures draws nothing new.
  }, [signature]);
  return html`<div class="chart-box">
    ${
      failed
        ? html`<p class="muted">${t('dashboard.chartError')}</p>`
        : html`<canvas ref=${canvas} role="img" aria-label=${label}></canvas>`
    }
  </div>`;
}
