/**
 * One line of PostgreSQL's COPY text format from the values of a JSON record, given the column
 * types that ColumnInference chose for them. The values are those JsonScanner produces: JSON
 * values, with bigint for integers beyond ±2^53.
 *
 * - null and undefined (a key the record lacks) are `\N`.
 * - jsonb columns get each value's JSON text, so a string becomes a JSON string.
 * - bool columns get `t`/`f`; in text columns a boolean is `true`/`false`, an object or array
 *   its JSON text.
 * - Numbers are their shortest JS text, integers always in full digits (never `1e+21`); an
 *   integer beyond 2^53 is written as the exact value of the double.
 * - Backslash, tab, newline and carriage return are escaped; nothing else needs to be.
 */
export function encodeCopyTextRow(values: readonly unknown[], types: readonly string[]): string {
  let line = '';
  for (let i = 0; i < types.length; i++) {
    if (i > 0) line += '\t';
    const value = values[i];
    if (value === null || value === undefined) line += '\\N';
    else
      line += copyTextField(types[i] === 'jsonb' ? jsonText(value) : plainText(value, types[i]!));
  }
  return line + '\n';
}

function plainText(value: unknown, type: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return numberText(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return type === 'bool' ? (value ? 't' : 'f') : String(value);
    default:
      return jsonText(value);
  }
}

function numberText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value).toString();
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field's text as COPY's text format needs it. */
export function copyTextField(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text;
}

/** JSON text of a value that may hold bigints, which JSON.stringify refuses. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return jsonTextWithBigInts(value);
  }
}

function jsonTextWithBigInts(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonTextWithBigInts).join(',')}]`;
  const members = Object.entries(value).map(
    ([key, item]) => `${JSON.stringify(key)}:${jsonTextWithBigInts(item)}`,
  );
  return `{${members.join(',')}}`;
}
