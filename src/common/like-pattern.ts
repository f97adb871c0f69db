/**
 * A LIKE/ILIKE pattern matching `text` anywhere, with the user's own % _ and \ taken literally.
 * Use with `ESCAPE '\'` and pass the result as a bound parameter, never spliced into SQL.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
