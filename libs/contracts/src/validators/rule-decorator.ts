import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A class-validator decorator from one function that says why a value breaks `rule`
 * (undefined when it does not), so the message names the field, the rule and the reason.
 */
export function ruleDecorator(name: string, problem: (value: unknown) => string | undefined, rule: string, options?: ValidationOptions): PropertyDecorator {
  const reason = (value: unknown) => (Array.isArray(value) && options?.each ? value.map(problem).find((p) => p !== undefined) : problem(value));
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be ${rule} (${reason(args?.value) ?? 'invalid'})`,
      },
    });
}
