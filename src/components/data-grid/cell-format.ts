/**
 * How query values look, by PostgreSQL type. Values arrive as the query endpoint sends them:
 * big integers and numerics that a JSON number would round as strings, timestamps as ISO 8601,
 * bytea as base64, arrays and JSON as JSON. The type is optional (the hosted API may send
 * none); then the JSON value itself decides.
 */

/** What a cell shows, decided once per column type and value. */
export type ValueKind =
  | 'null'
  | 'boolean'
  | 'number'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'json'
  | 'array'
  | 'bytea'
  | 'text';

const NUMERIC_TYPES = new Set([
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'money',
  'oid',
  'xid',
  'xid8',
  'cid',
]);

/** pg_type names people do not know by that name. */
const FRIENDLY_TYPE_NAMES: Record<string, string> = { bpchar: 'char' };

/** `_float4` → `float4[]`, `bpchar` → `char`, `int4` → `int4`. */
export function formatTypeName(pgType: string): string {
  if (pgType.startsWith('_') && pgType.length > 1) return `${formatTypeName(pgType.slice(1))}[]`;
  return FRIENDLY_TYPE_NAMES[pgType] ?? pgType;
}

export function isArrayType(type: string | undefined): boolean {
  return type !== undefined && type.startsWith('_');
}

export function isNumericType(type: string | undefined): boolean {
  return type !== undefined && NUMERIC_TYPES.has(type);
}

export function valueKind(value: unknown, type?: string): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (type !== undefined) {
    if (type === 'json' || type === 'jsonb') return 'json';
    if (isArrayType(type)) return Array.isArray(value) ? 'array' : 'text';
    if (type === 'bool') return typeof value === 'boolean' ? 'boolean' : 'text';
    if (NUMERIC_TYPES.has(type)) return 'number';
    if (type === 'bytea') return typeof value === 'string' ? 'bytea' : 'text';
    if (type === 'timestamptz' || type === 'timestamp' || type === 'date') {
      return typeof value === 'string' ? type : 'text';
    }
  }
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'json';
  return 'text';
}

/**
 * The plain text of a value, for copying and export. NULL copies as the empty string, as
 * spreadsheets and CSV read a missing value; the word NULL would be indistinguishable from the
 * string "NULL". Strings, numbers and base64 bytea are copied as sent; timestamps as their
 * exact ISO value (not the local time shown); JSON, arrays and other objects as JSON.
 */
export function cellText(value: unknown, _type?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}

/** JSON, pretty-printed for reading (objects and arrays indented two spaces). */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

// --- arrays and vectors -------------------------------------------------------------------------

const ARRAY_PREVIEW_ITEMS = 2;
const ARRAY_INLINE_CHARS = 48;

function formatArrayItem(item: unknown): string {
  if (item === null || item === undefined) return 'NULL';
  if (typeof item === 'number') {
    // Vectors hold long floats; three significant digits are enough to recognise them at a glance.
    return Number.isInteger(item) ? String(item) : String(Number(item.toPrecision(3)));
  }
  if (typeof item === 'string') return JSON.stringify(item);
  if (Array.isArray(item)) return abbreviateArray(item);
  return JSON.stringify(item) ?? String(item);
}

/** `[1, 2, 3]` when short; `[0.12, 0.4, 0.993, … 768 values]` otherwise. */
export function abbreviateArray(values: readonly unknown[]): string {
  if (values.length === 0) return '[]';
  const all = values.map(formatArrayItem);
  const inline = `[${all.join(', ')}]`;
  if (inline.length <= ARRAY_INLINE_CHARS) return inline;
  const head = all.slice(0, ARRAY_PREVIEW_ITEMS).join(', ');
  return `[${head}, … ${values.length.toLocaleString('en-US')} values]`;
}

/** The full array, one line per element for vectors so that a long one stays readable. */
export function fullArrayText(values: readonly unknown[]): string {
  return JSON.stringify(values, null, values.some((v) => typeof v === 'object' && v) ? 2 : 0);
}

// --- bytea ----------------------------------------------------------------------------------------

/** Byte count of a base64 string without decoding it. */
export function base64ByteLength(base64: string): number {
  const trimmed = base64.replace(/\s+/g, '');
  if (trimmed.length === 0) return 0;
  const padding = trimmed.endsWith('==') ? 2 : trimmed.endsWith('=') ? 1 : 0;
  return Math.floor((trimmed.length * 3) / 4) - padding;
}

export function decodeBase64(base64: string, limit = Infinity): Uint8Array {
  // Decode only what is asked for (four characters make three bytes).
  const chars = Number.isFinite(limit) ? Math.ceil(limit / 3) * 4 : base64.length;
  const binary = atob(base64.replace(/\s+/g, '').slice(0, chars));
  const length = Math.min(binary.length, limit);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16);
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0'))
      .join(' ')
      .padEnd(47, ' ');
    const ascii = Array.from(chunk, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.'));
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex}  ${ascii.join('')}`);
  }
  return lines.join('\n');
}

const IMAGE_SIGNATURES: { type: string; bytes: number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
];

/** The image type of some bytes when they are a PNG, JPEG, GIF or WebP, for a preview. */
export function sniffImage(bytes: Uint8Array): string | null {
  for (const { type, bytes: signature } of IMAGE_SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return type;
  }
  const riff = [0x52, 0x49, 0x46, 0x46].every((b, i) => bytes[i] === b);
  const webp = [0x57, 0x45, 0x42, 0x50].every((b, i) => bytes[i + 8] === b);
  return riff && webp ? 'image/webp' : null;
}

export function formatBytes(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'byte' : 'bytes'}`;
}

// --- timestamps -----------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A timestamptz in the viewer's time zone as `YYYY-MM-DD HH:MM:SS[.ffffff]`, keeping the
 * microseconds PostgreSQL sent (a JavaScript Date holds only milliseconds); null when the
 * value is not a date JavaScript can read (infinity, far years), which is then shown as sent.
 */
export function localTimestamp(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const fraction = /T\d{2}:\d{2}:\d{2}(\.\d+)/.exec(iso)?.[1] ?? '';
  const year = date.getFullYear();
  if (year < 0 || year > 9999) return null;
  return (
    `${pad(year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${fraction}`
  );
}

/** The UTC reading of a timestamptz, for the tooltip: `2024-05-01 12:03:22.5 UTC`. */
export function utcTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const fraction = /T\d{2}:\d{2}:\d{2}(\.\d+)/.exec(iso)?.[1] ?? '';
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction} UTC`
  );
}

/** A timestamp without time zone as sent, with a space for the T: it names no instant to convert. */
export function plainTimestamp(iso: string): string {
  return iso.replace('T', ' ');
}

// --- text -----------------------------------------------------------------------------------------

/** One line of at most `max` characters: what fits in a cell before CSS truncation. */
export function singleLine(text: string, max = 300): string {
  const head = text.length > max ? text.slice(0, max) : text;
  return head.replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
}

/** The one-line JSON preview of a value. */
export function jsonPreview(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? '');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// --- ordering -------------------------------------------------------------------------------------

const INTEGER = /^-?\d+$/;

function compareNumbers(a: unknown, b: unknown): number {
  // int8 and numeric arrive as strings when a double would round them.
  if (typeof a === 'string' && typeof b === 'string' && INTEGER.test(a) && INTEGER.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ascending order of two values of one column, as PostgreSQL orders them: NULL sorts after
 * every value, so a descending sort (the reverse) puts NULLs first, like `ORDER BY … DESC`.
 * Text compares by code point (COLLATE "C"), which is fast and predictable.
 */
export function compareValues(a: unknown, b: unknown, type?: string): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  if (isNumericType(type) || (typeof a === 'number' && typeof b === 'number')) {
    return compareNumbers(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return compareText(cellText(a), cellText(b));
}

// --- widths ---------------------------------------------------------------------------------------

export const MIN_COLUMN_WIDTH = 64;
export const MAX_COLUMN_WIDTH = 1200;
const MAX_INITIAL_WIDTH = 360;

function typeWidth(type: string | undefined): number {
  if (type === undefined) return 180;
  if (isArrayType(type)) return 260;
  switch (type) {
    case 'bool':
      return 80;
    case 'int2':
    case 'int4':
    case 'oid':
      return 104;
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
    case 'money':
      return 136;
    case 'date':
      return 120;
    case 'timestamp':
    case 'timestamptz':
      return 224;
    case 'uuid':
      return 328;
    case 'json':
    case 'jsonb':
      return 260;
    case 'bytea':
      return 180;
    default:
      return 200;
  }
}

/**
 * A first width from the type (what its values usually need) and the header (name and type
 * must be readable, with room for the sort mark and the resize handle).
 */
export function initialColumnWidth(name: string, type?: string): number {
  const header = Math.max(name.length, type ? formatTypeName(type).length : 0) * 8 + 44;
  return Math.min(MAX_INITIAL_WIDTH, Math.max(MIN_COLUMN_WIDTH, typeWidth(type), header));
}

/** Whether a cell offers "show full value": everything but NULL and booleans. */
export function isExpandable(value: unknown, type?: string): boolean {
  const kind = valueKind(value, type);
  return kind !== 'null' && kind !== 'boolean';
}
