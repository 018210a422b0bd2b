import { creditSystem, FieldError, knownCreditSystems, knownLevelFrameworks, levelFramework } from '@app/contracts';
import { RequestValidationError } from '@app/platform';

/** A level must name a framework the ledger knows and lie inside that framework's range. */
export function levelErrors(framework: string | undefined, values: { field: string; value: number | undefined }[], frameworkField: string): FieldError[] {
  if (framework === undefined) return [];
  const f = levelFramework(framework);
  if (!f) return [{ field: frameworkField, message: `unknown level framework ${framework}; known: ${knownLevelFrameworks().join(', ')}` }];
  return values
    .filter(({ value }) => value !== undefined && (value < f.min || value > f.max))
    .map(({ field, value }) => ({ field, message: `${framework} has levels ${f.min}-${f.max}, not ${value}` }));
}

export function creditErrors(system: string | undefined, field: string): FieldError[] {
  if (system === undefined || creditSystem(system)) return [];
  return [{ field, message: `unknown credit unit ${system}; known: ${knownCreditSystems().join(', ')}` }];
}

/** [from, until) must be a real window: until strictly after from. */
export function windowErrors(from: string, until: string, untilField: string): FieldError[] {
  return Date.parse(until) > Date.parse(from) ? [] : [{ field: untilField, message: `${untilField} must be after the start of the window (${from})` }];
}

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length) throw new RequestValidationError(errors);
}
