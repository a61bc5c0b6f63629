import type { ParamType } from './parameters';

/**
 * The conversion of a parameter input's text into the JSON value sent in `params`, by the
 * parameter's type: numbers without losing digits, booleans as Postgres spells them, arrays as
 * JSON, Python, numpy and Postgres print them.
 */

export type ParamValue = { value: unknown } | { error: string };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const INTEGER_TEXT = /^[+-]?\d+$/;
const SPECIAL_FLOAT = /^[+-]?(?:nan|inf|infinity)$/i;

/** A decimal text reduced to sign, significant digits and exponent: `1.50` and `15e-1` match. */
function canonicalDecimal(text: string) {
  const match = DECIMAL.exec(text);
  if (match === null) return text;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let power = Number(exponent) - fraction.length;
  if (digits === '') return '0';
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    power++;
  }
  return `${sign === '-' ? '-' : ''}${digits}e${power}`;
}

/**
 * A number's text as the JSON value to send. The text itself is sent (the server binds text,
 * so Postgres reads every digit) when a JS number would change it: integers beyond ±2^53−1,
 * decimals with more digits than a double holds, overflow, and NaN/Infinity, which JSON lacks.
 */
function numberValue(raw: string): ParamValue {
  const text = raw.trim();
  if (SPECIAL_FLOAT.test(text)) return { value: text };
  if (!NUMBER_TEXT.test(text)) return { error: `not a number: ${raw}` };
  const number = Number(text);
  if (INTEGER_TEXT.test(text)) return { value: Number.isSafeInteger(number) ? number : text };
  if (!Number.isFinite(number)) return { value: text };
  return { value: canonicalDecimal(String(number)) === canonicalDecimal(text) ? number : text };
}

const TRUE_WORDS = new Set(['true', 't', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', 'f', '0', 'no', 'n', 'off']);

type Element = unknown;
type Parsed<T> = { ok: T } | { error: string };

/**
 * Reads an array input. Accepted forms:
 * - JSON: `[0.1, 0.2]`, `["a", "b"]`, nested arrays, null;
 * - Python and numpy as printed: `[0.1, 0.2,]`, `[0.1 0.2]`, `['a', 'b']`, None/True/False;
 * - Postgres array literals: `{0.1,0.2}`, `{"a b",NULL}`, `{{1,2},{3,4}}`;
 * - a bare list separated by commas and/or whitespace: `0.1, 0.2 0.3`.
 * Unquoted numbers become numbers (by the same rule as a number input), other unquoted words
 * strings; quoted elements stay strings.
 */
function arrayValue(raw: string): ParamValue {
  let text = raw.trim();
  if (text === '') return { error: 'empty array: enter values such as [0.1, 0.2]' };
  // A Python tuple reads like a list.
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1);
  const parsed = text.startsWith('{')
    ? new PostgresArrayReader(text).read()
    : new ListReader(text).read();
  return 'error' in parsed ? { error: `not an array: ${parsed.error}` } : { value: parsed.ok };
}

function bareElement(word: string, quoted: boolean, nullWords: ReadonlySet<string>): Element {
  if (quoted) return word;
  const lower = word.toLowerCase();
  if (nullWords.has(lower)) return null;
  if (NUMBER_TEXT.test(word)) return (numberValue(word) as { value: unknown }).value;
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return word;
}

const PYTHON_NULLS = new Set(['null', 'none']);
const POSTGRES_NULLS = new Set(['null']);

/** JSON, Python/numpy lists and bare lists: `[`…`]` optional at the top, `,` or spaces between. */
class ListReader {
  private i = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  read(): Parsed<Element[]> {
    const bracketed = this.text.startsWith('[');
    if (bracketed) this.i = 1;
    const list = this.list(bracketed);
    if ('error' in list) return list;
    this.skipSpace();
    if (this.i < this.text.length) return { error: `unexpected ${this.text[this.i]}` };
    return list;
  }

  private skipSpace() {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  private list(bracketed: boolean): Parsed<Element[]> {
    const items: Element[] = [];
    let comma = false;
    for (;;) {
      const from = this.i;
      this.skipSpace();
      const spaced = this.i > from;
      const c = this.text[this.i];
      if (c === undefined) return bracketed ? { error: 'missing ]' } : { ok: items };
      if (c === ']') {
        if (!bracketed) return { error: 'unexpected ]' };
        this.i++;
        return { ok: items };
      }
      if (c === ',') {
        // A comma before `]` is Python's trailing comma; two in a row would leave a hole.
        if (items.length === 0 || comma) return { error: 'empty element between commas' };
        comma = true;
        this.i++;
        continue;
      }
      // Whitespace alone separates elements too: numpy prints `[0.1 0.2]`.
      if (items.length > 0 && !comma && !spaced) return { error: `unexpected ${c}` };
      const item = this.element();
      if ('error' in item) return item;
      items.push(item.ok);
      comma = false;
    }
  }

  private element(): Parsed<Element> {
    const c = this.text[this.i]!;
    if (c === '[') {
      this.i++;
      return this.list(true);
    }
    if (c === '"' || c === "'") return this.quoted(c);
    const match = /^[^\s,[\]"']+/.exec(this.text.slice(this.i));
    const word = match![0];
    this.i += word.length;
    return { ok: bareElement(word, false, PYTHON_NULLS) };
  }

  private quoted(quote: string): Parsed<Element> {
    let j = this.i + 1;
    while (j < this.text.length && this.text[j] !== quote) j += this.text[j] === '\\' ? 2 : 1;
    if (j >= this.text.length) return { error: `unterminated string ${this.text.slice(this.i)}` };
    const body = this.text.slice(this.i + 1, j);
    this.i = j + 1;
    // JSON's escapes; Python's single-quoted strings use the same ones for the common cases.
    const json = quote === '"' ? body : body.replace(/\\'/g, "'").replace(/"/g, '\\"');
    try {
      return { ok: JSON.parse(`"${json}"`) as string };
    } catch {
      return { error: `bad escape in ${quote}${body}${quote}` };
    }
  }
}

/** Postgres array literals: `{a,"b c",NULL,{1,2}}`; backslash escapes inside and outside quotes. */
class PostgresArrayReader {
  private i = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  read(): Parsed<Element[]> {
    const result = this.array();
    if ('error' in result) return result;
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
    if (this.i < this.text.length) return { error: `unexpected ${this.text[this.i]} after }` };
    return result;
  }

  private array(): Parsed<Element[]> {
    this.i++; // {
    const items: Element[] = [];
    for (;;) {
      while (/\s/.test(this.text[this.i] ?? '')) this.i++;
      const c = this.text[this.i];
      if (c === undefined) return { error: 'missing }' };
      if (c === '}' && items.length === 0) {
        this.i++;
        return { ok: items };
      }
      const item = c === '{' ? this.array() : this.element();
      if ('error' in item) return item;
      items.push(item.ok);
      while (/\s/.test(this.text[this.i] ?? '')) this.i++;
      const after = this.text[this.i];
      this.i++;
      if (after === '}') return { ok: items };
      if (after !== ',')
        return { error: after === undefined ? 'missing }' : `unexpected ${after}` };
    }
  }

  private element(): Parsed<Element> {
    if (this.text[this.i] === '"') {
      let value = '';
      for (this.i++; ; this.i++) {
        const c = this.text[this.i];
        if (c === undefined) return { error: 'unterminated "' };
        if (c === '"') break;
        if (c === '\\') this.i++;
        const escaped = this.text[this.i];
        if (escaped === undefined) return { error: 'unterminated "' };
        value += escaped;
      }
      this.i++;
      return { ok: value };
    }
    let value = '';
    let escaped = false;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) return { error: 'missing }' };
      if (c === ',' || c === '}') break;
      if (c === '{' || c === '"') return { error: `unexpected ${c}` };
      if (c === '\\') {
        escaped = true;
        this.i++;
      }
      value += this.text[this.i] ?? '';
      this.i++;
    }
    value = value.trim();
    if (value === '') return { error: 'empty element' };
    // An escaped character makes the element a string: `{N\\ULL}` is the text NULL.
    return { ok: bareElement(value, escaped, POSTGRES_NULLS) };
  }
}

/**
 * Converts an input box's text into the value sent for a parameter of the given type, or a
 * short error to show under the box.
 * - text: the text as typed, spaces included.
 * - number: a JSON number, or the digits as a string when a number would round them.
 * - boolean: true/false from true/false, t/f, 1/0, yes/no, y/n, on/off (any case), Postgres's
 *   own spellings.
 * - json: the text itself once it parses, because the server binds a string as JSON text.
 * - null: null whatever the text.
 * - array: see the forms `arrayValue` accepts.
 */
export function toParamValue(raw: string, type: ParamType): ParamValue {
  switch (type) {
    case 'text':
      return { value: raw };
    case 'number':
      return numberValue(raw);
    case 'boolean': {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { error: `not a boolean: ${raw} (use true or false)` };
    }
    case 'json':
      try {
        JSON.parse(raw);
        return { value: raw };
      } catch (error) {
        return { error: `invalid JSON: ${(error as Error).message}` };
      }
    case 'null':
      return { value: null };
    case 'array':
      return arrayValue(raw);
  }
}
