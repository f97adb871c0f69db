/** Largest price the API accepts: one trillion rupiah, far below Number.MAX_SAFE_INTEGER. */
export const MAX_PRICE_RUPIAH = 1_000_000_000_000;

/**
 * "Rp 150.000": Indonesian grouping with dots, no decimals (rupiah prices are whole numbers).
 * Written out rather than via Intl so the label never depends on the runtime's ICU data.
 */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`formatRupiah expects a whole number of rupiah, got ${amount}`);
  }
  const grouped = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp ${grouped}`;
}
