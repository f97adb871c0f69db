/** How the monthly report writes figures for a reader in Indonesian (the PDF; tables stay raw). */
import { MONTHS_ID } from '../common/indonesian-months';

const numberFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat('id-ID', {
  style: 'percent',
  maximumFractionDigits: 1,
});

/** "2.000", "101,9"; "–" when unknown. */
export function formatNumber(value: number | null): string {
  return value === null ? '–' : numberFormat.format(value);
}

/** "5,3%"; "–" when unknown. */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : percentFormat.format(value).replace(/\s/g, '');
}

/** "Rp100.000" */
export function formatRupiah(value: number): string {
  return `Rp${numberFormat.format(value)}`;
}

/** "2026-11" → "November 2026" */
export function monthTitle(label: string): string {
  const [year, month] = label.split('-').map(Number);
  return `${MONTHS_ID[month - 1]} ${year}`;
}
