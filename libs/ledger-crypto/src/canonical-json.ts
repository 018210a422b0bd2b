/**
 * Canonical JSON (the RFC 8785 shape for the values a JSON body can hold): object keys
 * sorted by UTF-16 code units, no whitespace, numbers and strings as JSON.stringify writes
 * them. Equal values always give equal text, whatever the key order they arrived in.
 * `undefined` members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return value === undefined || typeof value === 'function' ? 'null' : write(value);
}

/**
 * One pass, one string: no intermediate arrays of entries. Leaf hashes of the verifiable log
 * are computed with it for every event a projection replays.
 */
function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
      // JSON.stringify writes numbers the way RFC 8785 does (the ECMAScript form); NaN and ±Infinity as null.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      // bigint: refused, as JSON.stringify refuses it.
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined || typeof item === 'function' ? 'null' : write(item);
    }
    return `${out}]`;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
  const record = value as Record<string, unknown>;
  // Default sort: by UTF-16 code units, the order RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${write(member)}`;
  }
  return `${out}}`;
}
