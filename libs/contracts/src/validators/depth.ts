import type { FieldError } from '../validation';

/**
 * How deep a JSON body may nest. The deepest request the ledger defines is a batch item's
 * holder identifier (about 6 levels); class-transformer and class-validator recurse once
 * per level, so ~10,000 levels overflow the stack before any rule can answer.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * How many properties one JSON object may have. No request the ledger defines comes near it;
 * class-transformer's cost grows faster than linearly with an object's keys (150,000 unknown
 * keys in a 1.7 MB body held the event loop for most of a minute), and every unknown key
 * would become its own field error.
 */
export const MAX_JSON_KEYS = 256;

/**
 * How many values (objects, arrays and scalars) a JSON body may hold in all: a full batch of
 * 1,000 lifecycle events is far below it, and it bounds the work and the field errors any body
 * can cause, whatever MAX_BODY allows.
 */
export const MAX_JSON_VALUES = 200_000;

interface Visit {
  value: unknown;
  depth: number;
  parent?: Visit;
  key?: string | number;
}

/** The dotted path of a visit, built only for the one that is reported. */
function pathOf(visit: Visit, prefix: string): string {
  const parts: string[] = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) parts.push(typeof v.key === 'number' ? `[${v.key}]` : `.${v.key}`);
  const path = prefix + parts.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path;
}

/**
 * The first thing in a parsed JSON value that no rule should ever see: nesting deeper than
 * `max` levels, an object with more than MAX_JSON_KEYS properties, more than MAX_JSON_VALUES
 * values in all, or a `__proto__` key (JSON.parse makes it an own property, which a later
 * copy or merge would turn into a prototype). Iterative, so it cannot overflow itself; it
 * runs before anything recursive sees the value, and costs one step per value.
 */
export function jsonShapeProblem(value: unknown, max = MAX_JSON_DEPTH, prefix = ''): FieldError | undefined {
  const stack: Visit[] = [{ value, depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (++seen > MAX_JSON_VALUES) return { field: prefix || '(body)', message: `holds more than ${MAX_JSON_VALUES} values` };
    const { value: v, depth } = visit;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return { field: pathOf(visit, prefix) || '(body)', message: `nested more than ${max} levels deep` };
    if (Array.isArray(v)) {
      v.forEach((child, i) => stack.push({ value: child, depth: depth + 1, parent: visit, key: i }));
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > MAX_JSON_KEYS) return { field: pathOf(visit, prefix) || '(body)', message: `has more than ${MAX_JSON_KEYS} properties` };
    for (const key of keys) {
      if (key === '__proto__') return { field: pathOf({ value: undefined, depth, parent: visit, key }, prefix), message: 'property __proto__ should not exist' };
      stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1, parent: visit, key });
    }
  }
  return undefined;
}
