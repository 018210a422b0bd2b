import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { jsonShapeProblem } from './validators/depth';

export interface FieldError {
  field: string;
  message: string;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/**
 * Validates a plain value against a class-validator class. Returns the typed instance,
 * or every offending field as a dotted path (`holder.identifiers[0].scheme`). `shallow` is
 * for classes whose fields hold no nested validated classes.
 */
export function validatePlain<T extends object>(
  cls: new () => T,
  plain: unknown,
  prefix = '',
  options: { shallow?: boolean } = {},
): { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: prefix || '(body)', message: 'must be a JSON object' }] };
  }
  // Before anything recursive: ~10,000 levels would overflow the stack in class-transformer.
  const shape = jsonShapeProblem(plain, undefined, prefix);
  if (shape) return { ok: false, errors: [shape] };
  // A class without nested types needs no deep transform: a shallow copy is enough and far cheaper.
  const instance = options.shallow ? Object.assign(new cls(), plain) : plainToInstance(cls, plain);
  const errors = validateSync(instance, OPTIONS);
  if (errors.length === 0) return { ok: true, value: instance };
  return { ok: false, errors: flattenValidationErrors(errors, prefix) };
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const walk = (list: ValidationError[], path: string) => {
    for (const e of list) {
      const key = /^\d+$/.test(e.property) ? `${path}[${e.property}]` : path ? `${path}.${e.property}` : e.property;
      if (e.value === undefined && e.constraints) {
        out.push({ field: key, message: `${e.property} is required` });
        continue;
      }
      // One line per distinct message: a lower and an upper bound sharing a message both fail on text.
      for (const message of new Set(Object.values(e.constraints ?? {}))) {
        out.push({ field: key, message: message.replace(/^an unknown value was passed to the validate function$/, 'must be an object') });
      }
      if (e.children?.length) walk(e.children, key);
    }
  };
  walk(errors, prefix);
  return out;
}
