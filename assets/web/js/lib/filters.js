/** The route's query restricted to `names`, with '' for missing ones (form initial values). */
export function pickFilters(query, names) {
  return Object.fromEntries(names.map((name) => [name, query[name] ?? '']));
}

/** A stable key for the applied filters, to re-create a filter form when they change. */
export function filterKey(query, names) {
  return names.map((name) => query[name] ?? '').join('|');
}

export function hasFilters(query, names) {
  return names.some((name) => query[name]);
}
