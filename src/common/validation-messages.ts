/**
 * Request validation messages in Bahasa Indonesia and English, one template per class-validator
 * rule (the keys its errors carry), filled with the rule's own values (lengths, bounds, choices).
 */
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_NOT_EMPTY,
  ARRAY_UNIQUE,
  EQUALS,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE_STRING,
  IS_DEFINED,
  IS_EMAIL,
  IS_ENUM,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NOT_EMPTY,
  IS_NOT_IN,
  IS_NUMBER,
  IS_OBJECT,
  IS_STRING,
  IS_URL,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  ValidationTypes,
} from 'class-validator';
import type { LocalizedText } from './app-error';

/** What the DTO declared for the broken rule. */
export interface RuleDeclaration {
  /** The decorator's arguments: `@MaxLength(120)` → [120], `@IsIn(list)` → [list]. */
  constraints: readonly unknown[];
  /** `{ each: true }`: the rule applies to every item of a list. */
  each?: boolean;
  /** The DTO's own (English) wording, when it gave one. */
  message?: string;
}

/** What the value must be; null when the declaration lacks a value the wording needs. */
type Predicate = (values: readonly unknown[]) => LocalizedText | null;

const fixed =
  (text: LocalizedText): Predicate =>
  () =>
    text;

/** A predicate built from the rule's first value, when it has one. */
const withValue =
  (text: (value: string) => LocalizedText): Predicate =>
  ([value]) =>
    value === undefined ? null : text(listed(value));

function listed(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

const ISO_EXAMPLE = '2026-11-29T09:00:00+07:00';

const PREDICATES: Readonly<Record<string, Predicate>> = {
  [IS_STRING]: fixed({ id: 'harus berupa teks', en: 'must be text' }),
  [IS_INT]: fixed({ id: 'harus bilangan bulat', en: 'must be a whole number' }),
  [IS_NUMBER]: fixed({ id: 'harus berupa angka', en: 'must be a number' }),
  [IS_BOOLEAN]: fixed({ id: 'harus true atau false', en: 'must be true or false' }),
  [IS_UUID]: fixed({ id: 'harus berupa UUID', en: 'must be a UUID' }),
  [IS_ISO8601]: fixed({
    id: `harus tanggal dan waktu ISO 8601, misalnya ${ISO_EXAMPLE}`,
    en: `must be an ISO 8601 date and time, for example ${ISO_EXAMPLE}`,
  }),
  [IS_DATE_STRING]: fixed({
    id: `harus tanggal ISO 8601, misalnya ${ISO_EXAMPLE}`,
    en: `must be an ISO 8601 date, for example ${ISO_EXAMPLE}`,
  }),
  [IS_EMAIL]: fixed({ id: 'harus alamat email yang benar', en: 'must be a valid email address' }),
  [IS_URL]: fixed({ id: 'harus URL yang benar', en: 'must be a valid URL' }),
  [IS_ARRAY]: fixed({ id: 'harus berupa daftar', en: 'must be a list' }),
  [IS_OBJECT]: fixed({ id: 'harus berupa objek', en: 'must be an object' }),
  [IS_NOT_EMPTY]: fixed({ id: 'wajib diisi', en: 'must not be empty' }),
  [IS_DEFINED]: fixed({ id: 'wajib ada', en: 'is required' }),
  [ARRAY_NOT_EMPTY]: fixed({ id: 'tidak boleh kosong', en: 'must not be empty' }),
  [ARRAY_UNIQUE]: fixed({
    id: 'tidak boleh berisi nilai yang sama dua kali',
    en: 'must not hold the same value twice',
  }),
  [MATCHES]: fixed({
    id: 'tidak sesuai format yang diminta',
    en: 'does not have the required format',
  }),
  [IS_IN]: withValue((v) => ({ id: `harus salah satu dari: ${v}`, en: `must be one of: ${v}` })),
  // @IsEnum declares [the enum, its values].
  [IS_ENUM]: ([, values]) =>
    values === undefined
      ? null
      : { id: `harus salah satu dari: ${listed(values)}`, en: `must be one of: ${listed(values)}` },
  [IS_NOT_IN]: withValue((v) => ({
    id: `tidak boleh salah satu dari: ${v}`,
    en: `must not be any of: ${v}`,
  })),
  [EQUALS]: withValue((v) => ({ id: `harus bernilai ${v}`, en: `must be ${v}` })),
  [MIN]: withValue((v) => ({ id: `paling kecil ${v}`, en: `must be at least ${v}` })),
  [MAX]: withValue((v) => ({ id: `paling besar ${v}`, en: `must be at most ${v}` })),
  [MIN_LENGTH]: withValue((v) => ({
    id: `paling sedikit ${v} karakter`,
    en: `must be at least ${v} characters long`,
  })),
  [MAX_LENGTH]: withValue((v) => ({
    id: `paling banyak ${v} karakter`,
    en: `must be at most ${v} characters long`,
  })),
  // @Length(min, max?)
  [IS_LENGTH]: ([min, max]) => {
    if (min === undefined) return null;
    return max === undefined
      ? { id: `paling sedikit ${min} karakter`, en: `must be at least ${min} characters long` }
      : { id: `harus ${min}–${max} karakter`, en: `must be ${min} to ${max} characters long` };
  },
  [ARRAY_MIN_SIZE]: withValue((v) => ({
    id: `harus berisi paling sedikit ${v} butir`,
    en: `must hold at least ${v} items`,
  })),
  [ARRAY_MAX_SIZE]: withValue((v) => ({
    id: `harus berisi paling banyak ${v} butir`,
    en: `must hold at most ${v} items`,
  })),
  // forbidNonWhitelisted: a field the endpoint does not take.
  [ValidationTypes.WHITELIST]: fixed({
    id: 'tidak dikenal; hapus dari permintaan',
    en: 'is not allowed; remove it from the request',
  }),
  [ValidationTypes.NESTED_VALIDATION]: fixed({
    id: 'harus berupa objek atau daftar objek',
    en: 'must be an object or a list of objects',
  }),
};

/** One broken rule of one field, as users read it. */
export function validationText(
  field: string,
  rule: string,
  declaration: RuleDeclaration = { constraints: [] },
): LocalizedText {
  const subject = declaration.each
    ? { id: `Setiap isi kolom '${field}'`, en: `Each value in field '${field}'` }
    : { id: `Kolom '${field}'`, en: `Field '${field}'` };
  const predicate = PREDICATES[rule]?.(declaration.constraints) ?? {
    id: `tidak valid (${rule})`,
    en: `is invalid (${rule})`,
  };
  // A DTO's own wording (say, the expected format) only exists in English.
  const hint = declaration.message ? ` (${declaration.message})` : '';
  return {
    id: `${subject.id} ${predicate.id}`,
    en: `${subject.en} ${predicate.en}${hint}`,
  };
}
