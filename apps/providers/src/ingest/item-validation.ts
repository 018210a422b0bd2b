import { CompiledClass, compiledClass, ItemError, PAYLOAD_CLASSES, ProviderEventItem, validatePlain } from '@app/contracts';

export type ItemValidation =
  | { ok: true; item: ProviderEventItem; payload: object }
  | { ok: false; errors: ItemError[] };

/**
 * One batch item against its envelope and the payload class of its type. The compiled check
 * (ajv, from the same decorators) answers for the items it accepts, which is nearly all of them;
 * an item it refuses goes through class-validator, whose answer is the one given, with its
 * field names and messages. The compiled check never accepts what class-validator refuses
 * (item-validation.spec.ts runs the bad-input corpus through both).
 */
export function validateItem(raw: unknown, path: string): ItemValidation {
  const fast = compiledItem(raw);
  if (fast) return fast;
  return classValidatorItem(raw, path);
}

/** The compiled answer when it accepts the item; undefined when class-validator must decide. */
export function compiledItem(raw: unknown): Extract<ItemValidation, { ok: true }> | undefined {
  compiled ??= compileItemValidation();
  if (!compiled.envelope?.accepts(raw)) return undefined;
  const item = raw as ProviderEventItem;
  if (!compiled.payloads.get(item.type)?.accepts(item.data)) return undefined;
  return { ok: true, item, payload: item.data };
}

/** The item as class-validator alone judges it (validatePlain): envelope first, then the payload of its type. */
export function classValidatorItem(raw: unknown, path: string): ItemValidation {
  const envelope = validatePlain(ProviderEventItem, raw, path, { shallow: true });
  if (!envelope.ok) return { ok: false, errors: envelope.errors.map((e) => ({ code: 'FIELD.INVALID', ...e })) };
  const item = envelope.value;
  const payload = validatePlain(PAYLOAD_CLASSES[item.type], item.data, path ? `${path}.data` : 'data');
  if (!payload.ok) return { ok: false, errors: payload.errors.map((e) => ({ code: 'FIELD.INVALID', ...e })) };
  return { ok: true, item, payload: payload.value };
}

let compiled: { envelope?: CompiledClass; payloads: Map<string, CompiledClass> } | undefined;

/** Generates and compiles the item schemas (once; later calls return the same). */
export function compileItemValidation(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const payloads = new Map<string, CompiledClass>();
  for (const [type, cls] of Object.entries(PAYLOAD_CLASSES)) {
    const check = compiledClass(cls);
    if (check) payloads.set(type, check);
  }
  compiled = { envelope: compiledClass(ProviderEventItem), payloads };
  return compiled;
}
