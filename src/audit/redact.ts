const SECRET_KEY = /pass(word)?|secret|token|hash|api[_-]?key|authorization|cookie/i;

/** Deep copy with secret-looking keys replaced, so audit rows and logs never hold secrets. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(inner),
      ]),
    );
  }
  return value;
}
