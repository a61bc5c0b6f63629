import { MAX_JSON_DEPTH, jsonDepthExceeds, stringEnd, unstorableReason } from './json-text';

/**
 * Column types for a new table, inferred from every value of the file. The rule is that the
 * chosen type's PostgreSQL input function accepts every value as it will be loaded, and that
 * nothing of the text is lost on the way: a value that is not plainly of a type makes the column
 * text. So `007`, `+5`, ` 5`, `1_000` and `0x1A` (all accepted by int4) stay text, as do `NaN`,
 * `Infinity`, `yes`/`no`, `0`/`1` as booleans, and dates that are not real (`2024-02-30`).
 *
 * Values are classified into kinds (bits); a column keeps the union of its kinds and derives its
 * type from that at the end, so observing a value is a classification and an OR. Widening:
 * int4 → int8 → numeric; integers with decimals → float8, or numeric when float8 would round an
 * integer (beyond 2^53) or cannot hold a decimal (beyond ±1.8e308, or below 4.9e-324); date with
 * timestamptz → timestamptz; any other mix → text.
 *
 * A timestamp without an offset still becomes timestamptz: PostgreSQL reads it in the session's
 * TimeZone.
 */
export type PgType =
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
/** An int8 that float8 cannot hold exactly (beyond ±2^53). */
const INT8_INEXACT = 1 << 2;
/** An integer beyond int8: numeric. */
const BIG_INT = 1 << 3;
const FLOAT = 1 << 4;
/** A decimal that only numeric holds (out of float8's range). */
const DECIMAL = 1 << 5;
const BOOL = 1 << 6;
const DATE = 1 << 7;
const TIMESTAMP = 1 << 8;
const UUID = 1 << 9;
/** CSV text that is a JSON object or array. */
const JSON_TEXT = 1 << 10;
/** A JSON object or array in a JSON record: makes the column jsonb whatever else it holds. */
const STRUCTURE = 1 << 11;
const TEXT = 1 << 12;
/** What classifyDateTime says of text that does not start with four digits and a hyphen. */
const NOT_A_DATE = -1;

const NUMBERS = INT4 | INT8 | INT8_INEXACT | BIG_INT | FLOAT | DECIMAL;
const TEMPORAL = DATE | TIMESTAMP;

/** Bounds within which numeric is sure to accept a literal (it refuses ~131072 integer digits). */
const MAX_NUMERIC_LITERAL = 1000;
/** PostgreSQL refuses a timestamp of more than ~150 characters, whatever its fraction. */
const MAX_FRACTION_DIGITS = 30;

export class ColumnInference {
  private kinds = 0;

  /** A CSV cell; null and '' are NULL, which every type takes. */
  observe(value: string | null): void {
    if (value === null || value === '' || this.kinds & TEXT) return;
    this.add(classifyText(value));
  }

  /**
   * A value of a JSON record. Strings are what JSON says they are: dates, timestamps and uuids
   * are recognised in them, numbers and booleans are not. Objects and arrays make the column
   * jsonb, and every other value is then stored as its JSON.
   */
  observeJson(value: unknown): void {
    if (value === null || value === undefined || this.kinds & STRUCTURE) return;
    if (typeof value === 'object') {
      this.kinds = STRUCTURE;
      return;
    }
    if (this.kinds & TEXT) return;
    this.add(classifyJson(value));
  }

  get type(): PgType {
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

/**
 * Inference over JSON records: the union of their keys in order of first appearance, each with
 * its ColumnInference. A key missing from a record is NULL there.
 */
export class JsonColumns {
  readonly keys: string[] = [];
  private readonly index = new Map<string, ColumnInference>();

  observe(record: Record<string, unknown>): void {
    for (const key in record) {
      let column = this.index.get(key);
      if (column === undefined) {
        column = new ColumnInference();
        this.index.set(key, column);
        this.keys.push(key);
      }
      column.observeJson(record[key]);
    }
  }

  /** Types in the order of `keys`. */
  get types(): PgType[] {
    return this.keys.map((key) => this.index.get(key)!.type);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

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
  if (s.length === 4 || s.length === 5) return isBool(s) ? BOOL : TEXT;
  return TEXT;
}

function classifyJson(value: unknown): number {
  switch (typeof value) {
    case 'number':
      if (!Number.isInteger(value)) return FLOAT;
      if (value >= -2147483648 && value <= 2147483647) return INT4;
      if (Number.isSafeInteger(value)) return INT8;
      return value >= -9223372036854775808 && value < 9223372036854775808 ? INT8_INEXACT : BIG_INT;
    case 'bigint':
      if (value >= -2147483648n && value <= 2147483647n) return INT4;
      if (value >= -9007199254740992n && value <= 9007199254740992n) return INT8;
      if (value >= -9223372036854775808n && value <= 9223372036854775807n) return INT8_INEXACT;
      return value.toString().length <= MAX_NUMERIC_LITERAL ? BIG_INT : TEXT;
    case 'boolean':
      return BOOL;
    case 'string': {
      const s = value;
      if (s.length >= 10 && s.charCodeAt(4) === 0x2d) {
        const kind = classifyDateTime(s);
        if (kind !== NOT_A_DATE) return kind;
      }
      return isUuid(s) ? UUID : TEXT;
    }
    default:
      return TEXT;
  }
}

/**
 * An integer or decimal as both float8in and numeric_in read it, without a leading `+`, leading
 * zeros or white space: `-12`, `0.5`, `.5`, `5.`, `1e5`, `-2.5E-3`.
 */
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
  // Without an exponent, only hundreds of digits could overflow float8 or round to zero.
  if (!exponent && length < 300) return FLOAT;
  const value = Number(s);
  if (Number.isFinite(value) && (value !== 0 || isZeroMantissa(s))) return FLOAT;
  // float8in refuses what overflows or rounds to zero; numeric takes it if not absurdly long.
  const exponentDigits = exponent ? s.replace(/^[^eE]*[eE][+-]?0*/, '') : '';
  return length <= MAX_NUMERIC_LITERAL && exponentDigits.length <= 3 ? DECIMAL : TEXT;
}

function isZeroMantissa(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c | 0x20) === 0x65) break;
    if (c >= 0x31 && c <= 0x39) return false;
  }
  return true;
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

/** s[start..] <= limit, both digit strings of the same length. */
function atMost(s: string, start: number, limit: string): boolean {
  for (let i = 0; i < limit.length; i++) {
    const a = s.charCodeAt(start + i);
    const b = limit.charCodeAt(i);
    if (a !== b) return a < b;
  }
  return true;
}

/** The number written by the two digits at `at`, or -1. */
function twoDigits(s: string, at: number): number {
  const high = s.charCodeAt(at) - 0x30;
  const low = s.charCodeAt(at + 1) - 0x30;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/**
 * `YYYY-MM-DD` (a real date, years 1–9999), optionally followed by `T` or a space, `HH:MM`,
 * optional `:SS` with an optional fraction, and an optional `Z` or `±HH`, `±HH:MM`, `±HHMM`
 * offset (PostgreSQL takes offsets up to 15:59). Only these ISO 8601 forms: anything else that
 * PostgreSQL reads as a date depends on DateStyle or on time zone names.
 */
function classifyDateTime(s: string): number {
  const century = twoDigits(s, 0);
  const yearOfCentury = twoDigits(s, 2);
  // Not a date at all, but it may be a number such as 1.5e-00001.
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
  // A fraction only after seconds: PostgreSQL reads `10:30.5` as minutes and seconds.
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

/** Canonical 8-4-4-4-12 hex, either case. */
function isUuid(s: string): boolean {
  return (
    s.length === 36 &&
    s.charCodeAt(8) === 0x2d &&
    s.charCodeAt(13) === 0x2d &&
    s.charCodeAt(18) === 0x2d &&
    s.charCodeAt(23) === 0x2d &&
    isHexRun(s, 0, 8) &&
    isHexRun(s, 9, 13) &&
    isHexRun(s, 14, 18) &&
    isHexRun(s, 19, 23) &&
    isHexRun(s, 24, 36)
  );
}

function isHexRun(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x66 || HEX[c] === 0) return false;
  }
  return true;
}

const HEX = new Uint8Array(0x67);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** `true` or `false` in any case (`| 0x20` lowercases; no other character maps onto these). */
function isBool(s: string): boolean {
  if (s.length === 4) {
    return (
      (s.charCodeAt(0) | 0x20) === 0x74 &&
      (s.charCodeAt(1) | 0x20) === 0x72 &&
      (s.charCodeAt(2) | 0x20) === 0x75 &&
      (s.charCodeAt(3) | 0x20) === 0x65
    );
  }
  return (
    s.length === 5 &&
    (s.charCodeAt(0) | 0x20) === 0x66 &&
    (s.charCodeAt(1) | 0x20) === 0x61 &&
    (s.charCodeAt(2) | 0x20) === 0x6c &&
    (s.charCodeAt(3) | 0x20) === 0x73 &&
    (s.charCodeAt(4) | 0x20) === 0x65
  );
}

/**
 * A JSON object or array that jsonb_in accepts. JSON.parse agrees with it on the grammar; jsonb
 * also refuses `\u0000`, unpaired surrogate escapes, numbers beyond numeric's range and deep
 * nesting.
 */
function isJsonb(s: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    return false;
  }
  if (s.includes('\\u') && unstorableReason(value) !== null) return false;
  if (s.length > 2 * MAX_JSON_DEPTH && jsonDepthExceeds(s, MAX_JSON_DEPTH)) return false;
  if (s.length > MAX_NUMERIC_LITERAL || /[eE][+-]?\d{4}/.test(s)) return jsonNumbersFitNumeric(s);
  return true;
}

/**
 * Whether every number in valid JSON text is one numeric_in surely accepts: at most
 * MAX_NUMERIC_LITERAL characters and an exponent below 1000, which keeps it far inside
 * numeric's limits (131072 digits before the point, 16383 after).
 */
function jsonNumbersFitNumeric(s: string): boolean {
  const length = s.length;
  let i = 0;
  while (i < length) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(s, i);
      if (i === -1) return false;
    } else if (c === 0x2d || isDigit(c)) {
      const start = i;
      while (i < length && !isJsonDelimiter(s.charCodeAt(i))) i++;
      const number = s.slice(start, i);
      if (number.length > MAX_NUMERIC_LITERAL) return false;
      const exponent = /[eE][+-]?0*(\d*)$/.exec(number);
      if (exponent && exponent[1]!.length > 3) return false;
    } else {
      i++;
    }
  }
  return true;
}

function isJsonDelimiter(c: number): boolean {
  return (
    c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
  );
}
