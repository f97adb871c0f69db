/**
 * The result shape shared by the calendar's pure parsers: either a value, or an error naming
 * the request field it came from with a message in Bahasa Indonesia and English. Services turn
 * an error into a 400 with `orThrow` (or collect several, as the plan-file reader does).
 *
 *   type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError }
 *   ok(value) / fail(field, { id, en }) / orThrow(parsed): T   (throws AppError.validation)
 */
import { AppError, type LocalizedText } from '../common/app-error';

export interface FieldError {
  field: string;
  message: LocalizedText;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T = never>(field: string, message: LocalizedText): Parsed<T> {
  return { ok: false, error: { field, message } };
}

export function orThrow<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw AppError.validation(parsed.error.field, parsed.error.message);
  return parsed.value;
}
