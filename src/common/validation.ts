import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError, LocalizedText } from './app-error';
import { RuleDeclaration, validationText } from './validation-messages';

/** One broken rule of one field, in `details` of a validation error. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: LocalizedText;
}

type DtoClass = NonNullable<ValidationError['target']>['constructor'];
type RuleMetadata = Record<
  string,
  ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>
>;

/** DTO classes' rules by property; decorators are all applied at load time, so never stale. */
const rulesByClass = new Map<DtoClass, RuleMetadata>();

function rulesOf(dto: DtoClass): RuleMetadata {
  let rules = rulesByClass.get(dto);
  if (!rules) {
    const storage = getMetadataStorage();
    rules = storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, '', true, false));
    rulesByClass.set(dto, rules);
  }
  return rules;
}

/** The decorator behind a broken rule, found on the DTO class the error was raised for. */
function declarationOf(error: ValidationError, rule: string): RuleDeclaration {
  const dto = error.target?.constructor;
  const metadata = dto
    ? rulesOf(dto)[error.property]?.find((m) => (m.name ?? m.type) === rule)
    : undefined;
  return {
    constraints: metadata?.constraints ?? [],
    each: metadata?.each,
    message: typeof metadata?.message === 'string' ? metadata.message : undefined,
  };
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = !prefix
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${prefix}[${error.property}]`
        : `${prefix}.${error.property}`;
    const own = Object.keys(error.constraints ?? {}).map((rule) => ({
      field,
      rule,
      message: validationText(field, rule, declarationOf(error, rule)),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Whitelisting validation pipe. The error names the first offending field in the message; every
 * broken rule is in `details`, each worded in both languages.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    // The DTO instance is needed to look up the values of a broken rule; it is never sent.
    validationError: { target: true },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const first = problems[0] ?? {
        field: 'body',
        message: { id: 'Permintaan tidak valid', en: 'Invalid request' },
      };
      return AppError.validation(first.field, first.message, problems);
    },
  });
}
