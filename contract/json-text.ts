/**
 * Facts about JSON text that both the import endpoint and the console's import preview rely on:
 * where a string ends, how deep values nest, and which strings PostgreSQL cannot store.
 */

/**
 * Deepest nesting accepted. jsonb_in recurses and fails somewhere past 10000 levels with the
 * default max_stack_depth (2MB), which can be set as low as 100kB: this stays clear of both.
 */
export const MAX_JSON_DEPTH = 500;

const BRACE = 0x7b;
const BRACKET = 0x5b;
const QUOTE = 0x22;

/**
 * Index after the `"` that closes the JSON string opening at `open`, or -1 if `text` ends
 * first. A quote is escaped when an odd number of backslashes precede it.
 */
export function stringEnd(text: string, open: number): number {
  let close = open;
  for (;;) {
    close = text.indexOf('"', close + 1);
    if (close === -1) return -1;
    let backslash = close - 1;
    while (text.charCodeAt(backslash) === 0x5c) backslash--;
    if ((close - 1 - backslash) % 2 === 0) return close + 1;
  }
}

/** Whether objects and arrays in JSON text nest deeper than `max` (strings skipped). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i) - 1;
      if (i < 0) return false;
    } else if (c === BRACE || c === BRACKET) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Why PostgreSQL cannot store a parsed JSON value's strings (keys included), or null: text and
 * jsonb refuse NUL, and jsonb refuses unpaired surrogates. Both can only come from `\u` escapes,
 * as the decoded file is valid UTF-8 without NUL.
 */
export function unstorableReason(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value.includes('\0')) {
      return 'a string contains \\u0000 (NUL), which PostgreSQL cannot store';
    }
    if (LONE_SURROGATE.test(value)) {
      return 'a string contains an unpaired surrogate escape (such as \\ud800), which is not valid Unicode';
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const reason = unstorableReason(item);
      if (reason !== null) return reason;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const reason = unstorableReason(key) ?? unstorableReason(item);
    if (reason !== null) return reason;
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
