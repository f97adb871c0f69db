import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { AppError } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    if (!isUuid(value)) {
      throw AppError.validation(this.field, {
        id: `'${this.field}' harus berupa UUID`,
        en: `'${this.field}' must be a UUID`,
      });
    }
    return value.toLowerCase();
  }
}

/** A path parameter that must be a UUID; a malformed one is a 400 naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator => Param(name, new ParseUuidPipe(name));
