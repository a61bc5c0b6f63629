/**
 * Decoding of PostgreSQL TEXT-format values into JSON for the SQL endpoint, keyed by type OID
 * (the way back is ./value-encoders).
 *
 * It relies on the session settings the endpoint fixes: DateStyle ISO, MDY; IntervalStyle
 * postgres; TimeZone UTC; extra_float_digits 1; bytea_output hex; client_encoding UTF8.
 * Under other settings, dates, floats and bytea would not come out as documented here.
 *
 * Callers pick a decoder once per column (`decoderFor`) and apply it to every value, so nothing
 * here branches on the type per value.
 *
 * Decisions that are not obvious from the types:
 * - numeric becomes a JSON number only when that number's JSON text is the same decimal
 *   value (trailing zeros aside: `1.50` → 1.5, `0.0000001` → 1e-7), else the exact string.
 * - Dates and timestamps outside years 0000–9999 (BC, or beyond 9999) use the ISO 8601
 *   expanded year that JavaScript's Date also reads: a sign and at least six digits, with
 *   astronomical numbering (1 BC is 0000, 44 BC is -000043).
 * - bytea decodes to base64.
 */
import { ARRAY_ELEMENT, arrayDelimiter, PG_TYPE } from './pg-type-oids';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Decodes one non-NULL value from its text form. */
export type Decoder = (text: string) => JsonValue;

const BACKSLASH = 92;
const QUOTE = 34;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const DOT = 46;
const UPPER_C = 67;

const decodeText: Decoder = (text) => text;

const decodeInt: Decoder = (text) => Number(text);

const decodeInt8: Decoder = (text) => {
  // Anything beyond ±(2^53−1) rounds to a double that is no longer a safe integer.
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
};

const decodeFloat: Decoder = (text) => {
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
};

const decodeNumeric: Decoder = (text) => {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const shortest = String(n);
  return shortest === text || sameDecimal(text, shortest) ? n : text;
};

/**
 * Whether Postgres's numeric text and JavaScript's shortest text of the nearest double denote
 * the same decimal value. numeric output never uses exponents but keeps the column's scale;
 * JavaScript drops trailing zeros and switches to exponents below 1e-6 and from 1e21.
 */
function sameDecimal(pg: string, js: string) {
  let trimmed = pg;
  if (pg.indexOf('.') !== -1) {
    let end = pg.length;
    while (pg.charCodeAt(end - 1) === ZERO) end--;
    if (pg.charCodeAt(end - 1) === DOT) end--;
    trimmed = pg.slice(0, end);
    if (trimmed === '-0') trimmed = '0';
  }
  return trimmed === js || (js.indexOf('e') !== -1 && trimmed === plainDecimal(js));
}

/** `1.5e-7` → `0.00000015`, `1e+21` → `1000000000000000000000`. */
export function plainDecimal(js: string) {
  const negative = js.charCodeAt(0) === MINUS;
  const e = js.indexOf('e');
  const mantissa = js.slice(negative ? 1 : 0, e);
  const exponent = Number(js.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot === -1 ? mantissa.length : dot) + exponent;
  let plain: string;
  if (point <= 0) plain = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = digits.slice(0, point) + '.' + digits.slice(point);
  return negative ? '-' + plain : plain;
}

const decodeBool: Decoder = (text) => text === 't';

const decodeJson: Decoder = (text) => JSON.parse(text) as JsonValue;

const decodeBytea: Decoder = (text) =>
  text.charCodeAt(0) === BACKSLASH && text.charCodeAt(1) === 120 /* x */
    ? Buffer.from(text.slice(2), 'hex').toString('base64')
    : byteaEscape(text).toString('base64');

// The "escape" output format, in case a session runs with bytea_output = escape after all.
function byteaEscape(text: string) {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH) {
      bytes.push(c);
    } else if (text.charCodeAt(i + 1) === BACKSLASH) {
      bytes.push(BACKSLASH);
      i += 1;
    } else {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    }
  }
  return Buffer.from(bytes);
}

/** A year in ISO 8601 form: four digits for 0–9999, else a sign and at least six digits. */
function isoYear(year: number) {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
}

/** `0044-03-15` of a BC value → `-000043-03-15`; `10000-01-01` → `+010000-01-01`. */
function isoDate(date: string, bc: boolean) {
  const yearEnd = date.length - 6;
  if (!bc && yearEnd === 4) return date;
  const year = Number(date.slice(0, yearEnd));
  return isoYear(bc ? 1 - year : year) + date.slice(yearEnd);
}

function isInfinity(text: string) {
  return text === 'infinity' || text === '-infinity';
}

const decodeDate: Decoder = (text) => {
  if (text.length === 10 || isInfinity(text)) return text;
  const bc = text.endsWith(' BC');
  return isoDate(bc ? text.slice(0, -3) : text, bc);
};

const decodeTimestamp: Decoder = (text) => {
  if (text.charCodeAt(10) === SPACE && text.charCodeAt(text.length - 1) !== UPPER_C) {
    return text.slice(0, 10) + 'T' + text.slice(11);
  }
  return isoTimestamp(text, false);
};

const decodeTimestamptz: Decoder = (text) => {
  const end = text.length;
  // The common case under TimeZone UTC: a four-digit AD year and offset +00.
  if (
    text.charCodeAt(10) === SPACE &&
    text.charCodeAt(end - 3) === PLUS &&
    text.charCodeAt(end - 2) === ZERO &&
    text.charCodeAt(end - 1) === ZERO
  ) {
    return text.slice(0, 10) + 'T' + text.slice(11, end - 3) + 'Z';
  }
  return isoTimestamp(text, true);
};

function isoTimestamp(text: string, zoned: boolean) {
  if (isInfinity(text)) return text;
  const bc = text.endsWith(' BC');
  const end = bc ? text.length - 3 : text.length;
  const space = text.indexOf(' ');
  const date = isoDate(text.slice(0, space), bc);
  if (!zoned) return date + 'T' + text.slice(space + 1, end);
  let sign = text.lastIndexOf('+', end);
  if (sign < space) sign = text.lastIndexOf('-', end);
  if (sign < space) return date + 'T' + text.slice(space + 1, end);
  // Offsets of old local mean times carry seconds (-04:56:02); ISO has no form for them, so
  // they stay as Postgres prints them rather than being rounded.
  const offset = text.slice(sign, end);
  const iso = offset === '+00' ? 'Z' : offset.length === 3 ? offset + ':00' : offset;
  return date + 'T' + text.slice(space + 1, sign) + iso;
}

/**
 * Parses an array literal as Postgres prints it (no whitespace outside elements), optionally
 * preceded by explicit bounds (`[0:1]={…}`, which are dropped). Sub-arrays become nested arrays.
 */
function parseArray(text: string, decode: Decoder, delimiter: string): JsonValue[] {
  let start = 0;
  if (text.charCodeAt(0) === LBRACKET) start = text.indexOf('=') + 1;
  if (text.charCodeAt(start) !== LBRACE) throw malformed(text);
  const cursor = { text, pos: start, delim: delimiter.charCodeAt(0) };
  const result = parseLevel(cursor, decode);
  if (cursor.pos !== text.length) throw malformed(text);
  return result;
}

// Arrays can be embeddings thousands of elements long; the message needs only their start.
function malformed(text: string) {
  return new Error(`malformed array literal: ${text.length > 80 ? text.slice(0, 80) + '…' : text}`);
}

interface Cursor {
  text: string;
  pos: number;
  delim: number;
}

function parseLevel(cursor: Cursor, decode: Decoder): JsonValue[] {
  const { text, delim } = cursor;
  const length = text.length;
  const out: JsonValue[] = [];
  let pos = cursor.pos + 1;
  if (text.charCodeAt(pos) === RBRACE) {
    cursor.pos = pos + 1;
    return out;
  }
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === LBRACE) {
      cursor.pos = pos;
      out.push(parseLevel(cursor, decode));
      pos = cursor.pos;
    } else if (c === QUOTE) {
      let chunk = ++pos;
      let value = '';
      for (;;) {
        const q = text.charCodeAt(pos);
        if (q === QUOTE) break;
        if (pos >= length) throw malformed(text);
        if (q === BACKSLASH) {
          value += text.slice(chunk, pos);
          chunk = ++pos;
        }
        pos++;
      }
      value += text.slice(chunk, pos++);
      // Quoted, so `"NULL"` is the string NULL, not a null element.
      out.push(decode(value));
    } else {
      const from = pos;
      while (pos < length) {
        const q = text.charCodeAt(pos);
        if (q === delim || q === RBRACE) break;
        pos++;
      }
      const raw = text.slice(from, pos);
      out.push(raw === 'NULL' ? null : decode(raw));
    }
    const next = text.charCodeAt(pos);
    if (next === delim) {
      pos++;
    } else if (next === RBRACE) {
      cursor.pos = pos + 1;
      return out;
    } else {
      throw malformed(text);
    }
  }
}

function arrayDecoder(elementOid: number): Decoder {
  const decode = scalarDecoder(elementOid);
  const delimiter = arrayDelimiter(elementOid);
  return (text) => parseArray(text, decode, delimiter);
}

function scalarDecoder(oid: number): Decoder {
  switch (oid) {
    case PG_TYPE.int2:
    case PG_TYPE.int4:
    case PG_TYPE.oid:
    case PG_TYPE.xid:
    case PG_TYPE.cid:
      return decodeInt;
    case PG_TYPE.int8:
    case PG_TYPE.xid8:
      return decodeInt8;
    case PG_TYPE.numeric:
      return decodeNumeric;
    case PG_TYPE.float4:
    case PG_TYPE.float8:
      return decodeFloat;
    case PG_TYPE.bool:
      return decodeBool;
    case PG_TYPE.json:
    case PG_TYPE.jsonb:
      return decodeJson;
    case PG_TYPE.bytea:
      return decodeBytea;
    case PG_TYPE.date:
      return decodeDate;
    case PG_TYPE.timestamp:
      return decodeTimestamp;
    case PG_TYPE.timestamptz:
      return decodeTimestamptz;
    default:
      return decodeText;
  }
}

const decoders = new Map<number, Decoder>();
for (const oid of Object.values(PG_TYPE)) {
  const element = ARRAY_ELEMENT.get(oid);
  decoders.set(oid, element === undefined ? scalarDecoder(oid) : arrayDecoder(element));
}

/**
 * The decoder for a column of type `typeOid`. Types it does not know (enums, domains,
 * composites, ranges, extension types) come back as their text. For an array type it does not
 * know, pass the element type (`pg_type.typelem` of a type whose `typcategory` is 'A'): the
 * array is then parsed and its elements decoded; anything not shaped like an array literal
 * still comes back as text, as do all values when `elementOid` is 0 or missing.
 */
export function decoderFor(typeOid: number, elementOid?: number): Decoder {
  const known = decoders.get(typeOid);
  if (known) return known;
  if (!elementOid) return decodeText;
  const decode = decoderFor(elementOid);
  const delimiter = arrayDelimiter(elementOid);
  return (text) => {
    const c = text.charCodeAt(0);
    return c === LBRACE || c === LBRACKET ? parseArray(text, decode, delimiter) : text;
  };
}
