import type { FieldError } from '../validation';

/**
 * How deep a JSON body may nest. The deepest request the ledger defines is a batch item's
 * holder identifier (about 6 levels); class-transformer and class-validator recurse once
 * per level, so ~10,000 levels overflow the stack before any rule can answer.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The first thing in a parsed JSON value that no rule should ever see: nesting deeper than
 * `max` levels, or a `__proto__` key (JSON.parse makes it an own property, which a later
 * copy or merge would turn into a prototype). Iterative, so it cannot overflow itself; it
 * runs before anything recursive sees the value.
 */
export function jsonShapeProblem(value: unknown, max = MAX_JSON_DEPTH, prefix = ''): FieldError | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: prefix }];
  while (stack.length > 0) {
    const { value: v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return { field: path || '(body)', message: `nested more than ${max} levels deep` };
    if (Array.isArray(v)) {
      v.forEach((child, i) => stack.push({ value: child, depth: depth + 1, path: `${path}[${i}]` }));
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      const field = path ? `${path}.${key}` : key;
      if (key === '__proto__') return { field, message: 'property __proto__ should not exist' };
      stack.push({ value: child, depth: depth + 1, path: field });
    }
  }
  return undefined;
}
