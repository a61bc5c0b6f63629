/**
 * Column types for a new table, as the server will infer them when the file is uploaded
 * (server/sql/import/infer.ts, whose rules this mirrors for the preview): a type is chosen only
 * when PostgreSQL reads every value as that type without losing any of its text, so `007`, `+5`,
 * `yes`, `0`/`1` and dates that are not real (`2024-02-30`) stay text. Widening: int4 → int8 →
 * numeric; integers with decimals → float8 (numeric beyond what float8 holds exactly); date
 * with timestamp → timestamptz; any other mix → text. In JSON records, objects and arrays make
 * the column jsonb, and strings are recognised as dates, timestamps and uuids, not as numbers.
 *
 * The browser sees only the start of the file, so this is a preview: the server reads it all.
 * The e2e test of the import compares both on the same file.
 */
export type InferredType =
  | 'int4'
  | 'int8'
  | 'numeric'
  | 'float8'
  | 'bool'
  | 'date'
  | 'timestamptz'
  | 'uuid'
  | 'jsonb'
  | 'text';

const INT4 = 1 << 0;
const INT8 = 1 << 1;
const INT8_INEXACT = 1 << 2;
const BIG_INT = 1 << 3;
const FLOAT = 1 << 4;
const DECIMAL = 1 << 5;
const BOOL = 1 << 6;
const DATE = 1 << 7;
const TIMESTAMP = 1 << 8;
const UUID = 1 << 9;
const JSON_TEXT = 1 << 10;
const STRUCTURE = 1 << 11;
const TEXT = 1 << 12;
const NOT_A_DATE = -1;

const NUMBERS = INT4 | INT8 | INT8_INEXACT | BIG_INT | FLOAT | DECIMAL;
const TEMPORAL = DATE | TIMESTAMP;
const MAX_NUMERIC_LITERAL = 1000;
const MAX_FRACTION_DIGITS = 30;

export class ColumnInference {
  private kinds = 0;

  /** A CSV field; null and '' are NULL, which every type takes. */
  observe(value: string | null): void {
    if (value === null || value === '' || this.kinds & TEXT) return;
    this.add(classifyText(value));
  }

  /** A value of a JSON record. */
  observeJson(value: unknown): void {
    if (value === null || value === undefined || this.kinds & STRUCTURE) return;
    if (typeof value === 'object') {
      this.kinds = STRUCTURE;
      return;
    }
    if (this.kinds & TEXT) return;
    this.add(classifyJson(value));
  }

  get type(): InferredType {
    const kinds = this.kinds;
    if (kinds & STRUCTURE) return 'jsonb';
    if (kinds === 0 || kinds & TEXT) return 'text';
    if (kinds & NUMBERS) {
      if (kinds & (FLOAT | DECIMAL)) {
        return kinds & (DECIMAL | INT8_INEXACT | BIG_INT) ? 'numeric' : 'float8';
      }
      if (kinds & BIG_INT) return 'numeric';
      return kinds & (INT8 | INT8_INEXACT) ? 'int8' : 'int4';
    }
    if (kinds & TIMESTAMP) return 'timestamptz';
    if (kinds === DATE) return 'date';
    if (kinds === BOOL) return 'bool';
    if (kinds === UUID) return 'uuid';
    return 'jsonb';
  }

  private add(kind: number): void {
    const kinds = this.kinds | kind;
    if (kinds === this.kinds) return;
    const compatible =
      (kinds & ~NUMBERS) === 0 ||
      (kinds & ~TEMPORAL) === 0 ||
      kinds === BOOL ||
      kinds === UUID ||
      kinds === JSON_TEXT;
    this.kinds = compatible ? kinds : TEXT;
  }
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function classifyText(s: string): number {
  const c = s.charCodeAt(0);
  if (isDigit(c) || c === 0x2d || c === 0x2e) {
    if (s.length === 36 && isUuid(s)) return UUID;
    if (s.length >= 10 && s.charCodeAt(4) === 0x2d) {
      const kind = classifyDateTime(s);
      if (kind !== NOT_A_DATE) return kind;
    }
    return classifyNumber(s);
  }
  if (c === 0x7b || c === 0x5b) return isJsonb(s) ? JSON_TEXT : TEXT;
  if (s.length === 36) return isUuid(s) ? UUID : TEXT;
  if (s.length === 4 || s.length === 5) return /^(true|false)$/i.test(s) ? BOOL : TEXT;
  return TEXT;
}

function classifyJson(value: unknown): number {
  switch (typeof value) {
    case 'number':
      if (!Number.isInteger(value)) return FLOAT;
      if (value >= -2147483648 && value <= 2147483647) return INT4;
      if (Number.isSafeInteger(value)) return INT8;
      return value >= -9223372036854775808 && value < 9223372036854775808 ? INT8_INEXACT : BIG_INT;
    case 'boolean':
      return BOOL;
    case 'string': {
      if (value.length >= 10 && value.charCodeAt(4) === 0x2d) {
        const kind = classifyDateTime(value);
        if (kind !== NOT_A_DATE) return kind;
      }
      return isUuid(value) ? UUID : TEXT;
    }
    default:
      return TEXT;
  }
}

function classifyNumber(s: string): number {
  const length = s.length;
  const negative = s.charCodeAt(0) === 0x2d;
  let i = negative ? 1 : 0;
  const intStart = i;
  while (i < length && isDigit(s.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (intDigits > 1 && s.charCodeAt(intStart) === 0x30) return TEXT;
  if (i === length) return intDigits === 0 ? TEXT : classifyInteger(s, intStart, negative);
  let fracDigits = 0;
  if (s.charCodeAt(i) === 0x2e) {
    const fracStart = ++i;
    while (i < length && isDigit(s.charCodeAt(i))) i++;
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) return TEXT;
  let exponent = false;
  if (i < length && (s.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (i < length && (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d)) i++;
    const expStart = i;
    while (i < length && isDigit(s.charCodeAt(i))) i++;
    if (i === expStart) return TEXT;
    exponent = true;
  }
  if (i !== length) return TEXT;
  if (!exponent && length < 300) return FLOAT;
  const value = Number(s);
  if (Number.isFinite(value) && (value !== 0 || !/[1-9]/.test(s.split(/[eE]/)[0]!))) return FLOAT;
  const exponentDigits = exponent ? s.replace(/^[^eE]*[eE][+-]?0*/, '') : '';
  return length <= MAX_NUMERIC_LITERAL && exponentDigits.length <= 3 ? DECIMAL : TEXT;
}

function classifyInteger(s: string, start: number, negative: boolean): number {
  const digits = s.length - start;
  if (digits < 10) return INT4;
  if (digits === 10) return atMost(s, start, negative ? '2147483648' : '2147483647') ? INT4 : INT8;
  if (digits < 16 || (digits === 16 && atMost(s, start, '9007199254740992'))) return INT8;
  if (digits < 19) return INT8_INEXACT;
  if (digits === 19 && atMost(s, start, negative ? '9223372036854775808' : '9223372036854775807')) {
    return INT8_INEXACT;
  }
  return digits <= MAX_NUMERIC_LITERAL ? BIG_INT : TEXT;
}

function atMost(s: string, start: number, limit: string): boolean {
  for (let i = 0; i < limit.length; i++) {
    const a = s.charCodeAt(start + i);
    const b = limit.charCodeAt(i);
    if (a !== b) return a < b;
  }
  return true;
}

function twoDigits(s: string, at: number): number {
  const high = s.charCodeAt(at) - 0x30;
  const low = s.charCodeAt(at + 1) - 0x30;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

function classifyDateTime(s: string): number {
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  if (century < 0 || yearOfCentury < 0) return NOT_A_DATE;
  const year = century * 100 + yearOfCentury;
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (
    s.charCodeAt(7) !== 0x2d ||
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    return TEXT;
  }
  const length = s.length;
  if (length === 10) return DATE;
  const separator = s.charCodeAt(10);
  if (length < 16 || (separator !== 0x54 && separator !== 0x20) || s.charCodeAt(13) !== 0x3a) {
    return TEXT;
  }
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return TEXT;
  let i = 16;
  if (s.charCodeAt(i) === 0x3a) {
    const second = twoDigits(s, i + 1);
    if (second < 0 || second > 59) return TEXT;
    i += 3;
    if (s.charCodeAt(i) === 0x2e) {
      const fracStart = ++i;
      while (i < length && isDigit(s.charCodeAt(i))) i++;
      if (i === fracStart || i - fracStart > MAX_FRACTION_DIGITS) return TEXT;
    }
  }
  if (i === length) return TIMESTAMP;
  const zone = s.charCodeAt(i);
  if (zone === 0x5a) return i + 1 === length ? TIMESTAMP : TEXT;
  if (zone !== 0x2b && zone !== 0x2d) return TEXT;
  const offsetHour = twoDigits(s, i + 1);
  if (offsetHour < 0 || offsetHour > 15) return TEXT;
  i += 3;
  if (i === length) return TIMESTAMP;
  if (s.charCodeAt(i) === 0x3a) i++;
  const offsetMinute = twoDigits(s, i);
  return offsetMinute >= 0 && offsetMinute <= 59 && i + 2 === length ? TIMESTAMP : TEXT;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(s: string): boolean {
  return s.length === 36 && UUID_PATTERN.test(s);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL can store every string of a parsed JSON value (no NUL, no lone surrogate). */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\0') && !LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(storable);
  return Object.entries(value).every(([key, item]) => storable(key) && storable(item));
}

/** A JSON object or array that jsonb accepts. */
function isJsonb(s: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    return false;
  }
  return !s.includes('\\u') || storable(value);
}
