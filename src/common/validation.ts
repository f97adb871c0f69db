import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

interface FieldProblem {
  field: string;
  rules: Record<string, string>;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = !prefix
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${prefix}[${error.property}]`
        : `${prefix}.${error.property}`;
    const own = error.constraints ? [{ field, rules: error.constraints }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisting validation pipe whose errors name the first offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const first = problems[0] ?? { field: 'body', rules: { invalid: 'invalid request' } };
      const rule = Object.values(first.rules)[0];
      return AppError.validation(
        first.field,
        {
          id: `Kolom '${first.field}' tidak valid: ${rule}`,
          en: `Field '${first.field}' is invalid: ${rule}`,
        },
        problems,
      );
    },
  });
}
