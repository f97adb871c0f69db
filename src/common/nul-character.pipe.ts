import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from './app-error';

/** Where in `value` a string holds U+0000, as a field path ("caption", "targets[1].text"). */
export function nulCharacterAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulCharacterAt(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = nulCharacterAt(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL in any input would surface as a server error
 * deep in a query; refuse it up front with the field's name.
 */
@Injectable()
export class NulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const field = nulCharacterAt(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (field !== null) {
      throw AppError.validation(field || metadata.type, {
        id: `Kolom '${field || metadata.type}' memuat karakter NUL yang tidak diizinkan`,
        en: `Field '${field || metadata.type}' contains a NUL character, which is not allowed`,
      });
    }
    return value;
  }
}
