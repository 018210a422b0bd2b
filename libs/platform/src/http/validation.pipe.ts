import { ArgumentMetadata, Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

/**
 * The house ValidationPipe, with one shortcut: a query string with no parameters (most reads)
 * is validated once per query class, not on every request. Whether `{}` passes depends only on
 * the class, so the first answer holds; a class that refuses `{}` (a required parameter) keeps
 * the full path and its problem+json.
 */
export class LedgerValidationPipe extends ValidationPipe {
  private readonly emptyQueryPasses = new WeakMap<Type<unknown>, boolean>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as Type<unknown> | undefined;
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
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const _ in value) return false;
  return true;
}
