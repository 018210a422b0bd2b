import { ArgumentMetadata, Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { CompiledClass, compiledClass, ProviderEventBatch } from '@app/contracts';

/**
 * The house ValidationPipe, with two shortcuts:
 * - a query string with no parameters (most reads) is validated once per query class, not on
 *   every request. Whether `{}` passes depends only on the class, so the first answer holds; a
 *   class that refuses `{}` (a required parameter) keeps the full path and its problem+json;
 * - a body of a class on the hot path (COMPILED_BODIES) that class-transformer would only copy
 *   (no @Type, @Transform, @Expose or @Exclude, no nested class) is checked by the class compiled
 *   once (compiledClass: ajv from the same decorators). What it accepts, class-validator accepts
 *   too (item-validation.spec runs both on the same bodies), and the body becomes the
 *   instance by a shallow copy instead of a deep transform (a batch of 1,000 items was copied
 *   item by item, key by key). What it refuses takes the full path, so a refusal keeps its
 *   problem+json word for word.
 */
export class LedgerValidationPipe extends ValidationPipe {
  private readonly emptyQueryPasses = new WeakMap<Type<unknown>, boolean>();
  private readonly compiledBodies = new WeakMap<Type<unknown>, CompiledClass | null>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as Type<unknown> | undefined;
    if (metadata.type === 'body' && type && COMPILED_BODIES.has(type) && this.toValidate(metadata)) {
      const compiled = this.compiledBody(type);
      if (!compiled) return super.transform(value, metadata);
      // As the full path does first: `__proto__`, `prototype` and `constructor` keys go, at any depth.
      this.stripProtoKeys(value);
      if (compiled.accepts(value)) return Object.assign(new type() as object, value);
      return super.transform(value, metadata);
    }
    if (metadata.type !== 'query' || !type || !isEmptyObject(value) || !this.toValidate(metadata)) return super.transform(value, metadata);
    const passes = this.emptyQueryPasses.get(type);
    if (passes === undefined) {
      const result = await super.transform(value, metadata);
      this.emptyQueryPasses.set(type, true);
      return result;
    }
    // The pipe transforms into the class: an empty query is a fresh instance with no parameters set.
    return new type();
  }

  private compiledBody(type: Type<unknown>): CompiledClass | undefined {
    let compiled = this.compiledBodies.get(type);
    if (compiled === undefined) {
      compiled = (onlyCopied(type) && compiledClass(type as new () => object)) || null;
      this.compiledBodies.set(type, compiled);
    }
    return compiled ?? undefined;
  }
}

/** The bodies taken by the compiled check: the ingest batch, 1,000 items a request. */
const COMPILED_BODIES: ReadonlySet<Type<unknown>> = new Set([ProviderEventBatch]);

/** Whether plainToInstance would only copy a value of this class's properties, as Object.assign does. */
function onlyCopied(type: Type<unknown>): boolean {
  if (defaultMetadataStorage.getExposedMetadatas(type).length > 0 || defaultMetadataStorage.getExcludedMetadatas(type).length > 0) return false;
  for (let proto = type.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    // An accessor or method of the class would be skipped or shadowed by the transform.
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) return false;
  }
  const instance = new type() as object;
  const names = new Set([...Object.keys(instance), ...getMetadataStorage().getTargetValidationMetadatas(type, '', false, false).map((m) => m.propertyName)]);
  for (const name of names) {
    if (defaultMetadataStorage.findTypeMetadata(type, name)) return false;
    if (defaultMetadataStorage.findTransformMetadatas(type, name, TransformationType.PLAIN_TO_CLASS).length > 0) return false;
    // A field with a default value would differ between a copy and a transform of a body that omits it.
    if ((instance as Record<string, unknown>)[name] !== undefined) return false;
  }
  return true;
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const _ in value) return false;
  return true;
}
