import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** Trims string input so "  Batik  " and "Batik" are the same name; other types pass through. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * May be left out, but when sent must pass the other rules. Unlike @IsOptional, an explicit
 * null is validated (and refused) instead of slipping through to a NOT NULL column.
 */
export const OmittableNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Query strings carry booleans as text; only "true" and "false" count. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

/**
 * Whole numbers from the query string. Unlike @Type(() => Number), "150.000" stays a string
 * (and fails @IsInt) instead of quietly becoming 150.
 */
export const QueryInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
  );
