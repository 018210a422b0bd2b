import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { ARRAY_MAX_SIZE, ARRAY_MIN_SIZE, getMetadataStorage, IS_ARRAY, IS_BOOLEAN, IS_IN, IS_OBJECT, IS_OPTIONAL, IS_STRING, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultConverters } from 'class-validator-jsonschema/build/defaultConverters';

/**
 * A class-validator class compiled once into an ajv function. The schema is generated from the
 * class's own decorators (class-validator-jsonschema); the rules JSON Schema cannot say (the
 * ledger's custom decorators: ids, free text, calendar instants, identifier schemes…) become an
 * `x-rules` keyword that calls the very constraint the decorator registered, so class-validator
 * stays the one declaration. Only the converters whose JSON Schema means exactly what the
 * decorator checks are kept (types, enums, array sizes, nesting); every other one (lengths count
 * characters differently, patterns differ in flags, formats differ in detail) is a call to its
 * constraint too. Options match validatePlain: no unknown properties anywhere, and an optional
 * property may be null or absent. A conditional rule other than IsOptional (ValidateIf) cannot be
 * said at all: such a class never passes here and is left to class-validator.
 */
export interface CompiledClass {
  /** True when the value passes: class-validator would accept it too (tested on the bad-input corpus). */
  accepts(value: unknown): boolean;
  /** Every field the value is refused on, as validatePlain names them (`holder.identifiers[0].scheme`). */
  refusedFields(value: unknown, prefix?: string): string[];
}

type Schema = Record<string, unknown>;

const RULES = 'x-rules';
const NEVER = 'x-class-validator-only';
/** Converters whose schema is exactly the decorator's check, for JSON values. */
const EXACT: ReadonlySet<string> = new Set([
  ValidationTypes.NESTED_VALIDATION, ValidationTypes.WHITELIST, IS_IN, IS_ARRAY, IS_OBJECT, IS_STRING, IS_BOOLEAN, ARRAY_MIN_SIZE, ARRAY_MAX_SIZE,
]);
/** The custom constraints a schema refers to, by the id its `x-rules` keyword names. */
const rules = new Map<string, ValidationMetadata>();
let definitions: Record<string, Schema> | undefined;
const compiled = new WeakMap<object, CompiledClass | null>();

function generated(): Record<string, Schema> {
  if (definitions) return definitions;
  const custom = (meta: ValidationMetadata): Schema => {
    // A rule with no constraint class to call (IsDefined and the like): left to class-validator.
    if (typeof meta.constraintCls !== 'function') return { [NEVER]: true };
    const id = `${rules.size}`;
    rules.set(id, meta);
    return { [RULES]: { [id]: true } };
  };
  // Every decorator without an exact JSON Schema equivalent is kept as a call to its own constraint.
  const converters: Record<string, (meta: ValidationMetadata) => Schema> = { [ValidationTypes.CUSTOM_VALIDATION]: custom };
  for (const type of Object.keys(defaultConverters)) if (!EXACT.has(type)) converters[type] = custom;
  converters[ValidationTypes.CONDITIONAL_VALIDATION] = (meta) => (meta.name === IS_OPTIONAL ? {} : { [NEVER]: true });
  // IsIn compares with ===, enum by deep equality: the same only for primitive values.
  converters[IS_IN] = (meta) => {
    const values = meta.constraints?.[0] as unknown[] | undefined;
    return Array.isArray(values) && values.every((v) => v === null || typeof v !== 'object') ? { enum: values } : custom(meta);
  };
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/definitions/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: converters,
  }) as Record<string, Schema>;
  for (const schema of Object.values(schemas)) closeAndAllowNull(schema);
  // Schemas are named by class name: two classes of one name would share one, so neither is used.
  ambiguous = new Set();
  const seen = new Map<string, unknown>();
  const targets = (getMetadataStorage() as unknown as { validationMetadatas?: Map<{ name: string }, unknown> }).validationMetadatas;
  for (const target of targets?.keys() ?? []) {
    if (seen.has(target.name) && seen.get(target.name) !== target) ambiguous.add(target.name);
    seen.set(target.name, target);
  }
  definitions = schemas;
  return schemas;
}

let ambiguous = new Set<string>();

/** The class names a schema refers to, itself included. */
function namesIn(name: string, all: Record<string, Schema>, found = new Set<string>()): Set<string> {
  if (found.has(name)) return found;
  found.add(name);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') namesIn(value.slice(value.lastIndexOf('/') + 1), all, found);
        else walk(value);
      }
    }
  };
  walk(all[name]);
  return found;
}

/** whitelist + forbidNonWhitelisted: no other property; IsOptional: null counts as absent. */
function closeAndAllowNull(schema: Schema): void {
  schema.additionalProperties = false;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name)) properties[name] = { anyOf: [{ type: 'null' }, property] };
  }
}

function ajvInstance(allErrors: boolean): Ajv {
  const ajv = new Ajv({ allErrors, strict: false });
  ajv.addKeyword({ keyword: NEVER, errors: false, validate: () => false });
  ajv.addKeyword({
    keyword: RULES,
    schemaType: 'object',
    errors: false,
    // Resolved once per schema: the constraints to call, not their ids, on every value.
    compile: (ids: Record<string, true>) => {
      const checks = Object.keys(ids).map((id) => rules.get(id)!);
      return (value: unknown, cxt?: { parentData: unknown }) => {
        for (const meta of checks) {
          if (meta.each && Array.isArray(value)) {
            for (const v of value) if (!passes(meta, v, cxt?.parentData)) return false;
          } else if (!passes(meta, value, cxt?.parentData)) return false;
        }
        return true;
      };
    },
  });
  return ajv;
}

const constraintInstances = new Map<unknown, { validate(value: unknown, args: ValidationArguments): unknown }>();

function passes(meta: ValidationMetadata, value: unknown, object: unknown): boolean {
  let constraint = constraintInstances.get(meta.constraintCls);
  if (!constraint) {
    constraint = new (meta.constraintCls as new () => { validate(value: unknown, args: ValidationArguments): unknown })();
    constraintInstances.set(meta.constraintCls, constraint);
  }
  const args: ValidationArguments = { value, constraints: meta.constraints, targetName: (meta.target as { name?: string }).name ?? '', object: object as object, property: meta.propertyName };
  // A promise (an async constraint) is not an answer here: the value goes to class-validator.
  return constraint.validate(value, args) === true;
}

let fast: Ajv | undefined;
let thorough: Ajv | undefined;

/**
 * The compiled check of `cls`, built on first use; undefined when its schema cannot be compiled
 * (the caller then keeps class-validator alone).
 */
export function compiledClass(cls: new () => object): CompiledClass | undefined {
  const known = compiled.get(cls);
  if (known !== undefined) return known ?? undefined;
  let result: CompiledClass | null = null;
  try {
    let all = generated();
    // A class loaded after the schemas were generated: generate them again, now with it.
    if (!all[cls.name]) {
      definitions = undefined;
      all = generated();
    }
    const schema = all[cls.name];
    // A validationMetadatas map this version of class-validator does not keep, or a shared name: class-validator alone.
    const names = schema ? [...namesIn(cls.name, all)] : [];
    const safe = (getMetadataStorage() as unknown as { validationMetadatas?: unknown }).validationMetadatas instanceof Map && names.every((n) => all[n] && !ambiguous.has(n));
    if (schema && safe) {
      const root = { ...schema, definitions: all };
      fast ??= ajvInstance(false);
      thorough ??= ajvInstance(true);
      const check = fast.compile(root);
      let full: ValidateFunction | undefined;
      result = {
        accepts: (value) => {
          try {
            return check(value) === true;
          } catch {
            // A constraint that throws on this value: class-validator gives the answer.
            return false;
          }
        },
        refusedFields: (value, prefix = '') => {
          full ??= thorough!.compile(root);
          if (full(value)) return [];
          return [...new Set((full.errors ?? []).filter((e) => e.keyword !== 'anyOf').map((e) => fieldOf(e, prefix)))];
        },
      };
    }
  } catch {
    result = null;
  }
  compiled.set(cls, result);
  return result ?? undefined;
}

/** `/holder/identifiers/0/scheme` → `holder.identifiers[0].scheme`, after `prefix`. */
function fieldOf(error: ErrorObject, prefix: string): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = error.params as { missingProperty?: string; additionalProperty?: string };
  const last = extra.missingProperty ?? extra.additionalProperty;
  if (last !== undefined) parts.push(last);
  let field = prefix;
  for (const p of parts) field = /^\d+$/.test(p) ? `${field}[${p}]` : field ? `${field}.${p}` : p;
  return field || '(body)';
}
