import { ValidationOptions } from 'class-validator';
import { ruleDecorator } from './rule-decorator';

/**
 * The character set of every caller-chosen id (sourceEventId, credentialRef, requestId,
 * signing key ids…): printable ASCII without spaces, a letter or digit first. Ids end up in
 * stream names, URLs, log lines and UUID v5 derivations, where a control character, a
 * lone surrogate or a look-alike letter would break or forge them.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:~@#/+-]*$/;
export const ID_RULE = 'printable ASCII: a letter or digit, then letters, digits or . _ : ~ @ # / + -';
/** Names that are properties of every JavaScript object: as keys they would reach the prototype. */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

// C0 and C1 controls and DEL; free text may keep tab and line breaks.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Bidirectional embeddings, overrides, isolates and marks: they make text display other than it reads.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` is not an id of at most `max` characters, or undefined when it is one. */
export function idProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (value.length < 1 || value.length > max) return `length ${value.length} is outside 1-${max}`;
  if (!ID_PATTERN.test(value)) return 'it contains other characters';
  if (RESERVED_IDS.has(value)) return `${value} is reserved`;
  return undefined;
}

/** Why `value` is not acceptable free text, or undefined when it is. */
export function textProblem(value: unknown, options: { min?: number; max: number; multiline?: boolean }): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const min = options.min ?? 0;
  if (value.length < min || value.length > options.max) return `length ${value.length} is outside ${min}-${options.max}`;
  if ((options.multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value)) return 'it contains a control character';
  if (BIDI.test(value)) return 'it contains a bidirectional control character';
  if (LONE_SURROGATE.test(value)) return 'it contains a lone surrogate (not valid Unicode)';
  return undefined;
}


/** A caller-chosen id: 1 to `max` characters of ID_PATTERN, never a reserved object property name. */
export function IsLedgerId(max = 200, options?: ValidationOptions): PropertyDecorator {
  return ruleDecorator('isLedgerId', (v) => idProblem(v, max), `1-${max} characters of ${ID_RULE}`, options);
}

/**
 * Free text (names, titles, reasons): a string of `min`-`max` characters without control
 * characters (tab and line breaks allowed when `multiline`), bidi overrides or lone surrogates.
 */
export function IsText(limits: { min?: number; max: number; multiline?: boolean }, options?: ValidationOptions): PropertyDecorator {
  const rule = `text of ${limits.min ?? 0}-${limits.max} characters without control or bidirectional-override characters`;
  return ruleDecorator('isText', (v) => textProblem(v, limits), rule, options);
}
