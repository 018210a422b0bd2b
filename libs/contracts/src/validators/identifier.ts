import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { knownIdentifierSchemes, normaliseIdentifier } from '../reference/identifier-schemes';
import { ruleDecorator } from './rule-decorator';

/** A learner identifier scheme from reference/identifier-schemes.json, in any case (nz-nsn = NZ-NSN). */
export function IsIdentifierScheme(options?: ValidationOptions): PropertyDecorator {
  const problem = (v: unknown) => {
    if (typeof v !== 'string') return 'not a string';
    const r = normaliseIdentifier(v, '');
    return r.ok || r.field === 'value' ? undefined : 'unknown identifier scheme';
  };
  return ruleDecorator('isIdentifierScheme', problem, `one of the known identifier schemes: ${knownIdentifierSchemes().join(', ')}`, options);
}

/**
 * A value of the scheme named by `schemeProperty` on the same object, after the scheme's
 * normalisation (format and, where confirmed, check character). An unknown scheme is left
 * to IsIdentifierScheme. The message never repeats the value: it is personal data.
 */
export function IsIdentifierOf(schemeProperty: string, options?: ValidationOptions): PropertyDecorator {
  const check = (value: unknown, args: ValidationArguments) => {
    const scheme = (args.object as Record<string, unknown>)[schemeProperty];
    if (typeof scheme !== 'string' || typeof value !== 'string') return undefined;
    const r = normaliseIdentifier(scheme, value);
    return r.ok || r.field === 'scheme' ? undefined : r.reason;
  };
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIdentifierOf',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => check(value, args) === undefined,
        defaultMessage: (args: ValidationArguments) => `${args.property} is ${check(args.value, args) ?? 'invalid'}`,
      },
    });
}
