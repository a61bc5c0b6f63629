/**
 * A cell's value as an editor shows it, and the editor's text read back as the value the query
 * endpoint takes, by the column's PostgreSQL type. Checks here catch typos early; PostgreSQL
 * is still the judge when the changes are saved.
 */

export type EditorKind =
  'boolean' | 'integer' | 'decimal' | 'json' | 'array' | 'date' | 'timestamp' | 'uuid' | 'text';

const INTEGERS: Record<string, [number, number] | null> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: null,
};
const DECIMALS = new Set(['float4', 'float8', 'numeric', 'money']);

export function editorKind(type: string): EditorKind {
  if (type.startsWith('_')) return 'array';
  if (type === 'bool') return 'boolean';
  if (type in INTEGERS) return 'integer';
  if (DECIMALS.has(type)) return 'decimal';
  if (type === 'json' || type === 'jsonb') return 'json';
  if (type === 'date') return 'date';
  if (type === 'timestamp' || type === 'timestamptz') return 'timestamp';
  if (type === 'uuid') return 'uuid';
  return 'text';
}

/** The text an editor starts from; NULL is the empty text (the editor says it is NULL). */
export function inputText(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  const kind = editorKind(type);
  if (kind === 'json' || kind === 'array' || typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const fail = (error: string): Parsed => ({ ok: false, error });
const ok = (value: unknown): Parsed => ({ ok: true, value });

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4,}-\d{2}-\d{2}( BC)?$/;

/** A number as JSON carries it exactly, else its text (big int8, long numeric). */
function exactNumber(text: string): unknown {
  const n = Number(text);
  return Number.isSafeInteger(n) || (!Number.isInteger(n) && String(n) === text) ? n : text;
}

/**
 * The editor's text as a value of the column. Empty text is NULL for every type but text,
 * where it is the empty string (NULL there is chosen explicitly).
 */
export function parseInput(text: string, type: string): Parsed {
  const kind = editorKind(type);
  const trimmed = text.trim();
  if (kind !== 'text' && trimmed === '') return ok(null);
  switch (kind) {
    case 'boolean': {
      const word = trimmed.toLowerCase();
      if (['true', 't', 'yes', 'y', '1', 'on'].includes(word)) return ok(true);
      if (['false', 'f', 'no', 'n', '0', 'off'].includes(word)) return ok(false);
      return fail('Not a boolean: use true or false');
    }
    case 'integer': {
      if (!/^[+-]?\d+$/.test(trimmed)) return fail(`Not a whole number (${type})`);
      const range = INTEGERS[type];
      const n = Number(trimmed);
      if (range && (n < range[0] || n > range[1])) {
        return fail(`Out of range for ${type} (${range[0]} to ${range[1]})`);
      }
      return ok(exactNumber(trimmed.replace(/^\+/, '')));
    }
    case 'decimal': {
      if (/^[+-]?(nan|infinity|inf)$/i.test(trimmed) && type !== 'money') return ok(trimmed);
      if (!DECIMAL.test(trimmed)) return fail(`Not a number (${type})`);
      return ok(exactNumber(trimmed.replace(/^\+/, '')));
    }
    case 'json':
      try {
        return ok(JSON.parse(trimmed));
      } catch (error) {
        return fail(`Not valid JSON: ${(error as Error).message}`);
      }
    case 'array': {
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch {
        return fail('Write the array as JSON, e.g. [1, 2, 3] or ["a", "b"]');
      }
      return Array.isArray(value) ? ok(value) : fail('Not an array: write it as [ … ]');
    }
    case 'date':
      return DATE.test(trimmed) ? ok(trimmed) : fail('Not a date: use YYYY-MM-DD');
    case 'timestamp':
      return /^\d{4,}-\d{2}-\d{2}/.test(trimmed) && !Number.isNaN(Date.parse(trimmed.slice(0, 10)))
        ? ok(trimmed)
        : fail('Not a timestamp: use YYYY-MM-DD HH:MM:SS (ISO 8601)');
    case 'uuid':
      return UUID.test(trimmed) ? ok(trimmed.toLowerCase()) : fail('Not a uuid');
    default:
      return ok(text);
  }
}
