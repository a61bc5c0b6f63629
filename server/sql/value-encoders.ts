/**
 * Encoding of JSON parameters into the TEXT form PostgreSQL parses, for the SQL endpoint's bind
 * values, keyed by type OID (the way there is ./value-decoders). Callers pick an encoder once per
 * parameter (`encoderFor`) and apply it to every value.
 *
 * Decisions that are not obvious from the types:
 * - Dates and timestamps in the ISO 8601 expanded years the decoder prints (BC, beyond 9999) are
 *   turned back into Postgres's `… BC` form, so a value read can be bound again.
 * - A string parameter for bytea is passed as is (Postgres reads `\x…` hex or escape format); an
 *   array of byte values (0–255) is also accepted.
 * - json/jsonb parameters that are JS strings are taken as JSON text, not as a JSON string.
 */
import { ARRAY_ELEMENT, arrayDelimiter, PG_TYPE } from './pg-type-oids';
import { plainDecimal, type JsonValue } from './value-decoders';

/** Encodes one JSON parameter into the text Postgres parses; null is SQL NULL. */
export type Encoder = (value: JsonValue) => string | null;

const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

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
  const delimiter = arrayDelimiter(elementOid);
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
