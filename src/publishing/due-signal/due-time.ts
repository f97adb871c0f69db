/**
 * What crosses processes on the doorbell: the earliest due time, as `Date.toISOString()` writes
 * it, in a PostgreSQL notification on this channel (NOTIFY stays inside one database, so
 * deployments sharing a server do not hear each other).
 */
export const DUE_CHANNEL = 'karya_due';

/**
 * The time a notification carries, or null for anything else: anyone connected may notify the
 * channel, so only the exact form the sender writes is accepted.
 */
export function parseDueTime(payload: string | undefined): Date | null {
  if (!payload) return null;
  const at = new Date(payload);
  return !Number.isNaN(at.getTime()) && at.toISOString() === payload ? at : null;
}
