/**
 * Header cells of the files staff upload (weekly plan, monthly sales) as Excel leaves them:
 * a BOM, a hint in brackets, a required-mark, any case, spaces or dashes between words.
 */

/** "Tanggal (DD/MM/YYYY)", " Total Harga (Rp) ", "JAM*" -> "tanggal", "total_harga", "jam". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/\(.*\)/g, '')
    .trim()
    .toLowerCase()
    .replace(/[*:]/g, '')
    .trim()
    .replace(/[\s-]+/g, '_');
}

/** Reads a header cell as one of `columns`, each known by its aliases (written as headerKey gives them). */
export function headerReader<C extends string>(
  columns: readonly C[],
  aliases: Record<C, readonly string[]>,
): (header: string) => C | null {
  const columnByAlias = new Map<string, C>(
    columns.flatMap((column) => aliases[column].map((alias) => [alias, column] as const)),
  );
  return (header) => columnByAlias.get(headerKey(header)) ?? null;
}
