/**
 * Codec between PostgreSQL TEXT-format values and JSON for the SQL endpoint, keyed by type OID.
 *
 * It relies on the session settings the endpoint fixes: DateStyle ISO, MDY; IntervalStyle
 * postgres; TimeZone UTC; extra_float_digits 1; bytea_output hex; client_encoding UTF8.
 * Under other settings, dates, floats and bytea would not come out as documented here.
 *
 * Callers pick a codec once per column or parameter (`decoderFor`, `encoderFor`) and apply
 * it to every value, so nothing here branches on the type per value.
 *
 * Decisions that are not obvious from the types:
 * - numeric becomes a JSON number only when that number's JSON text is the same decimal
 *   value (trailing zeros aside: `1.50` → 1.5, `0.0000001` → 1e-7), else the exact string.
 * - Dates and timestamps outside years 0000–9999 (BC, or beyond 9999) use the ISO 8601
 *   expanded year that JavaScript's Date also reads: a sign and at least six digits, with
 *   astronomical numbering (1 BC is 0000, 44 BC is -000043). The encoder turns such strings
 *   back into Postgres's `… BC` form, so a value read can be bound again.
 * - bytea decodes to base64, but a string parameter for bytea is passed as is (Postgres reads
 *   `\x…` hex or escape format); an array of byte values (0–255) is also accepted.
 * - json/jsonb parameters that are JS strings are taken as JSON text, not as a JSON string.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Decodes one non-NULL value from its text form. */
export type Decoder = (text: string) => JsonValue;

/** Encodes one JSON parameter into the text Postgres parses; null is SQL NULL. */
export type Encoder = (value: JsonValue) => string | null;

/**
 * Built-in type OIDs by `pg_type.typname`. They are fixed in Postgres's catalog (pg_type.dat)
 * and identical in every database; an array type's name is its element's with a leading `_`.
 */
export const PG_TYPE = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int2vector: 22,
  int4: 23,
  regproc: 24,
  text: 25,
  oid: 26,
  tid: 27,
  xid: 28,
  cid: 29,
  oidvector: 30,
  json: 114,
  xml: 142,
  point: 600,
  lseg: 601,
  path: 602,
  box: 603,
  polygon: 604,
  line: 628,
  cidr: 650,
  float4: 700,
  float8: 701,
  unknown: 705,
  circle: 718,
  macaddr8: 774,
  money: 790,
  macaddr: 829,
  inet: 869,
  aclitem: 1033,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  bit: 1560,
  varbit: 1562,
  numeric: 1700,
  refcursor: 1790,
  regprocedure: 2202,
  regoper: 2203,
  regoperator: 2204,
  regclass: 2205,
  regtype: 2206,
  record: 2249,
  cstring: 2275,
  void: 2278,
  uuid: 2950,
  txid_snapshot: 2970,
  pg_lsn: 3220,
  tsvector: 3614,
  tsquery: 3615,
  regconfig: 3734,
  regdictionary: 3769,
  jsonb: 3802,
  int4range: 3904,
  numrange: 3906,
  tsrange: 3908,
  tstzrange: 3910,
  daterange: 3912,
  int8range: 3926,
  jsonpath: 4072,
  regnamespace: 4089,
  regrole: 4096,
  regcollation: 4191,
  int4multirange: 4451,
  nummultirange: 4532,
  tsmultirange: 4533,
  tstzmultirange: 4534,
  datemultirange: 4535,
  int8multirange: 4536,
  pg_snapshot: 5038,
  xid8: 5069,

  _bool: 1000,
  _bytea: 1001,
  _char: 1002,
  _name: 1003,
  _int8: 1016,
  _int2: 1005,
  _int2vector: 1006,
  _int4: 1007,
  _regproc: 1008,
  _text: 1009,
  _oid: 1028,
  _tid: 1010,
  _xid: 1011,
  _cid: 1012,
  _oidvector: 1013,
  _json: 199,
  _xml: 143,
  _point: 1017,
  _lseg: 1018,
  _path: 1019,
  _box: 1020,
  _polygon: 1027,
  _line: 629,
  _cidr: 651,
  _float4: 1021,
  _float8: 1022,
  _circle: 719,
  _macaddr8: 775,
  _money: 791,
  _macaddr: 1040,
  _inet: 1041,
  _aclitem: 1034,
  _bpchar: 1014,
  _varchar: 1015,
  _date: 1182,
  _time: 1183,
  _timestamp: 1115,
  _timestamptz: 1185,
  _interval: 1187,
  _timetz: 1270,
  _bit: 1561,
  _varbit: 1563,
  _numeric: 1231,
  _refcursor: 2201,
  _regprocedure: 2207,
  _regoper: 2208,
  _regoperator: 2209,
  _regclass: 2210,
  _regtype: 2211,
  _record: 2287,
  _cstring: 1263,
  _uuid: 2951,
  _txid_snapshot: 2949,
  _pg_lsn: 3221,
  _tsvector: 3643,
  _tsquery: 3645,
  _regconfig: 3735,
  _regdictionary: 3770,
  _jsonb: 3807,
  _int4range: 3905,
  _numrange: 3907,
  _tsrange: 3909,
  _tstzrange: 3911,
  _daterange: 3913,
  _int8range: 3927,
  _jsonpath: 4073,
  _regnamespace: 4090,
  _regrole: 4097,
  _regcollation: 4192,
  _int4multirange: 6150,
  _nummultirange: 6151,
  _tsmultirange: 6152,
  _tstzmultirange: 6153,
  _datemultirange: 6155,
  _int8multirange: 6157,
  _pg_snapshot: 5039,
  _xid8: 271,
} as const;

export type PgTypeName = keyof typeof PG_TYPE;

/** Element OID of each built-in array type (derived from the `_` naming convention). */
export const ARRAY_ELEMENT: ReadonlyMap<number, number> = new Map(
  Object.entries(PG_TYPE)
    .filter(([name]) => name.startsWith('_'))
    .map(([name, oid]) => [oid, PG_TYPE[name.slice(1) as PgTypeName]]),
);

const BACKSLASH = 92;
const QUOTE = 34;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const DOT = 46;
const UPPER_C = 67;

// Only box among built-in types uses another array delimiter (it prints commas itself).
function delimiterOf(elementOid: number) {
  return elementOid === PG_TYPE.box ? ';' : ',';
}

// ---------------------------------------------------------------------------------------------
// Decoding

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
function plainDecimal(js: string) {
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
  const delimiter = delimiterOf(elementOid);
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
  const delimiter = delimiterOf(elementOid);
  return (text) => {
    const c = text.charCodeAt(0);
    return c === LBRACE || c === LBRACKET ? parseArray(text, decode, delimiter) : text;
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * JavaScript's shortest text, which is what the client's JSON most likely said. Integers from
 * 1e21 up print with an exponent, which integer types reject and clients do not expect back;
 * they are spelled out with those same shortest digits (1e23 → 1 and 23 zeros, where BigInt
 * would print the double's exact 99999999999999991611392).
 */
function formatNumber(n: number) {
  const text = String(n);
  return Number.isInteger(n) && text.indexOf('e') !== -1 ? plainDecimal(text) : text;
}

/** Any value as text: strings as they are, numbers and booleans as JS prints them, else JSON. */
function encodeAny(value: JsonValue): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return JSON.stringify(value);
  }
}

/**
 * A JS string is already JSON text (clients send `"{\"source\": \"manual\"}"` for `$1::jsonb`
 * and mean the object). A JSON string value must therefore be sent quoted: `"\"hello\""`.
 */
function encodeJson(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function encodeBool(value: JsonValue): string {
  return value === true ? 't' : value === false ? 'f' : encodeAny(value);
}

function isByteArray(value: JsonValue[]) {
  for (const b of value) {
    if (typeof b !== 'number' || !(b >= 0 && b <= 255 && b % 1 === 0)) return false;
  }
  return true;
}

// Strings go as they are, so `\x…` hex (and Postgres's escape format) reach bytea_in intact.
function encodeBytea(value: JsonValue): string {
  if (Array.isArray(value) && isByteArray(value)) {
    return '\\x' + Buffer.from(value as number[]).toString('hex');
  }
  return encodeAny(value);
}

/**
 * Postgres reads neither signed ISO years nor year 0000, which `decoderFor` prints for BC and
 * beyond 9999; they are turned back into its own `YYYY… BC` form so decoded values bind again.
 */
function encodeDateTime(value: JsonValue): string {
  if (typeof value !== 'string') return encodeAny(value);
  const sign = value.charCodeAt(0);
  if (sign === ZERO && value.startsWith('0000-')) return '0001' + value.slice(4) + ' BC';
  if (sign !== MINUS && sign !== PLUS) return value;
  const first = value.charCodeAt(1);
  if (first < ZERO || first > NINE) return value;
  const yearEnd = value.indexOf('-', 1);
  if (yearEnd === -1) return value;
  const astronomical = Number(value.slice(1, yearEnd)) * (sign === MINUS ? -1 : 1);
  const rest = value.slice(yearEnd);
  return astronomical <= 0
    ? String(1 - astronomical).padStart(4, '0') + rest + ' BC'
    : String(astronomical).padStart(4, '0') + rest;
}

/** Double-quotes an array element; always quoting is cheaper than deciding when it is needed. */
function quoteElement(text: string) {
  if (text.indexOf('\\') === -1 && text.indexOf('"') === -1) return '"' + text + '"';
  return '"' + text.replaceAll('\\', '\\\\').replaceAll('"', '\\"') + '"';
}

const never = () => false;
const always = () => true;

/**
 * A JS array becomes an array literal and a JS string is taken as a literal the client wrote.
 * For json/jsonb elements, a nested JS array is a JSON array element, not a dimension: the
 * common case is a list of JSON documents, and Postgres's multidimensional jsonb[] is rare.
 * Likewise a nested array of byte values is one bytea element.
 */
function arrayEncoder(elementOid: number): Encoder {
  const encodeElement = scalarEncoder(elementOid);
  const isElement: (values: JsonValue[]) => boolean =
    elementOid === PG_TYPE.json || elementOid === PG_TYPE.jsonb
      ? always
      : elementOid === PG_TYPE.bytea
        ? isByteArray
        : never;
  const delimiter = delimiterOf(elementOid);
  const literal = (values: JsonValue[]): string => {
    let out = '{';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) out += delimiter;
      const v = values[i]!;
      if (v === null) out += 'NULL';
      // Number text never needs quoting, and arrays of numbers (embeddings) are the bulk.
      else if (typeof v === 'number') out += formatNumber(v);
      else if (Array.isArray(v) && !isElement(v)) out += literal(v);
      else out += quoteElement(encodeElement(v));
    }
    return out + '}';
  };
  return (value) =>
    value === null ? null : Array.isArray(value) ? literal(value) : encodeAny(value);
}

function scalarEncoder(oid: number): (value: JsonValue) => string {
  switch (oid) {
    case PG_TYPE.json:
    case PG_TYPE.jsonb:
      return encodeJson;
    case PG_TYPE.bool:
      return encodeBool;
    case PG_TYPE.bytea:
      return encodeBytea;
    case PG_TYPE.date:
    case PG_TYPE.timestamp:
    case PG_TYPE.timestamptz:
      return encodeDateTime;
    default:
      return encodeAny;
  }
}

function nullable(encode: (value: JsonValue) => string): Encoder {
  return (value) => (value === null ? null : encode(value));
}

const encoders = new Map<number, Encoder>();
for (const oid of Object.values(PG_TYPE)) {
  const element = ARRAY_ELEMENT.get(oid);
  encoders.set(oid, element === undefined ? nullable(scalarEncoder(oid)) : arrayEncoder(element));
}
const encodeUnknown = nullable(encodeAny);

/** Whether `encoderFor(typeOid)` encodes this type as its own (not as an unknown type). */
export const hasEncoder = (typeOid: number) => encoders.has(typeOid);

/**
 * The encoder for a parameter of type `typeOid` (from ParameterDescription). Unknown types,
 * including 0 (unspecified) and 705 (unknown), take strings as they are, numbers and booleans
 * as their text and anything else as JSON. For an array type it does not know, pass the element
 * type to get array-literal encoding. The result is a bind value, never SQL text.
 */
export function encoderFor(typeOid: number, elementOid?: number): Encoder {
  const known = encoders.get(typeOid);
  if (known) return known;
  return elementOid ? arrayEncoder(elementOid) : encodeUnknown;
}
