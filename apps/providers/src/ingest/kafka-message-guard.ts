/** The deepest nesting a Kafka ingest message may have; an item needs about 5 levels. */
export const MAX_MESSAGE_DEPTH = 32;
/** The largest Kafka ingest message value, in UTF-16 code units; an item is about 1 KB. */
export const MAX_MESSAGE_LENGTH = 256 * 1024;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one pass over
 * the characters (strings skipped), before anything recursive (validation, stringify)
 * meets it: ~5,000 levels overflow the stack of a recursive walk.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  // Nesting deeper than `max` takes more than `max` opening brackets; an item has a few
  // dozen, found by indexOf far faster than the walk below reads every character.
  if (openingBracketsAtMost(text, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** Whether `text` holds at most `max` characters `[` and `{`, in strings or not. */
function openingBracketsAtMost(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) if (++count > max) return false;
  }
  return true;
}
