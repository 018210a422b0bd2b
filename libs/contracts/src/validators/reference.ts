import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { creditSystem, knownCreditSystems } from '../reference/credits';
import { knownLevelFrameworks, levelFramework } from '../reference/levels';
import { ruleDecorator } from './rule-decorator';

/** A level framework from reference/levels.json (EQF, NZQCF, AQF, QF-EHEA…). */
export function IsLevelFramework(options?: ValidationOptions): PropertyDecorator {
  const problem = (v: unknown) => (typeof v === 'string' && levelFramework(v) ? undefined : `unknown level framework ${String(v)}`);
  return ruleDecorator('isLevelFramework', problem, `one of the known level frameworks: ${knownLevelFrameworks().join(', ')}`, options);
}

/** A credit unit from reference/credits.json (ECTS, NZQCF-credit, hours…). */
export function IsCreditSystem(options?: ValidationOptions): PropertyDecorator {
  const problem = (v: unknown) => (typeof v === 'string' && creditSystem(v) ? undefined : `unknown credit unit ${String(v)}`);
  return ruleDecorator('isCreditSystem', problem, `one of the known credit units: ${knownCreditSystems().join(', ')}`, options);
}

/**
 * A level inside the range of the framework named by `frameworkProperty` on the same
 * object (NZQCF 1-10). An unknown framework is left to IsLevelFramework, which names it.
 */
export function IsLevelOf(frameworkProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLevelOf',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const f = levelFramework(String((args.object as Record<string, unknown>)[frameworkProperty]));
          return !f || (typeof value === 'number' && value >= f.min && value <= f.max);
        },
        defaultMessage(args: ValidationArguments) {
          const framework = String((args.object as Record<string, unknown>)[frameworkProperty]);
          const f = levelFramework(framework)!;
          return `${args.property} must be a level of ${framework}, ${f.min}-${f.max} (not ${String(args.value)})`;
        },
      },
    });
}
