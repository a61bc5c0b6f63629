import { identifierName, isTrivia, isWord, tokenize, type Token } from './lexer';

/**
 * The `$n` parameters of a statement, with a guess at what kind of input each one wants, and
 * the conversion of an input box's text into the JSON value sent in `params`.
 *
 * Type guesses come only from what the statement says outright: a cast right after the
 * parameter (`$1::jsonb`, `$1 :: float4[]`, `CAST($1 AS double precision)`, also with the
 * parameter in parentheses), or `LIMIT $n` / `OFFSET $n`. The first use of a parameter that
 * says something wins; a parameter never cast is 'text', which is also what the server does
 * with a string it cannot place.
 */

export type ParamType = 'text' | 'number' | 'boolean' | 'json' | 'null' | 'array';

export interface ParameterInfo {
  /** n of `$n`. */
  number: number;
  type: ParamType;
  /** Where the type came from. */
  source: 'cast' | 'limit' | 'default';
  /** The cast's type as written, normalized (`double precision[]`), or null without one. */
  cast: string | null;
  /** Offsets of every `$n` of this number in the text. */
  offsets: number[];
}

export interface ParameterScan {
  /** One entry per distinct number, sorted. */
  params: ParameterInfo[];
  /** The highest number used, 0 without parameters: `params` must have exactly this many. */
  max: number;
  /** Numbers below `max` that are never used (`$1, $3` misses 2); the server still wants them. */
  missing: number[];
  /**
   * Parameters Postgres refuses, as written: `$0`, and above $65535 (a Bind message carries
   * at most 65535 values). They are left out of the rest so a typo cannot ask for 10⁶ inputs.
   */
  invalid: string[];
}

const MAX_PARAMETER = 65535;

const NUMBER_TYPES = new Set([
  'smallint',
  'integer',
  'int',
  'int2',
  'int4',
  'int8',
  'bigint',
  'real',
  'float',
  'float4',
  'float8',
  'double precision',
  'numeric',
  'decimal',
  'dec',
  'oid',
]);
const BOOLEAN_TYPES = new Set(['bool', 'boolean']);
const JSON_TYPES = new Set(['json', 'jsonb']);
// pgvector's types read `[1,2,3]`, which the server builds from a JSON array.
const VECTOR_TYPES = new Set(['vector', 'halfvec']);

// Words that continue a multi-word type name, keyed by the word that opens it.
const TYPE_CONTINUATIONS = new Map<string, ReadonlySet<string>>([
  ['double', new Set(['precision'])],
  ['character', new Set(['varying'])],
  ['char', new Set(['varying'])],
  ['national', new Set(['character', 'char', 'varying'])],
  ['bit', new Set(['varying'])],
  ['timestamp', new Set(['with', 'without', 'time', 'zone'])],
  ['time', new Set(['with', 'without', 'time', 'zone'])],
  ['interval', new Set(['year', 'month', 'day', 'hour', 'minute', 'second', 'to'])],
]);

/** The kind of input a cast's type wants; `name` is normalized as `readTypeName` returns it. */
export function typeForCast(name: string): ParamType {
  if (name.endsWith(']')) return 'array';
  const base = name.replace(/\([^)]*\)/g, '');
  if (JSON_TYPES.has(base)) return 'json';
  if (NUMBER_TYPES.has(base)) return 'number';
  if (BOOLEAN_TYPES.has(base)) return 'boolean';
  if (VECTOR_TYPES.has(base)) return 'array';
  return 'text';
}

/**
 * Reads a type name starting at `words[k]`: `[schema.]name`, multi-word names, a type
 * modifier `(…)` and array bounds (`[]`, `[3]`, `ARRAY`, `ARRAY[3]`). Returns the name with
 * the schema dropped, unquoted words lowercased, and array bounds as `[]`.
 */
function readTypeName(words: Token[], k: number): string | null {
  let name = identifierName(words[k]);
  if (name === null) return null;
  k++;
  while (words[k]?.text === '.' && identifierName(words[k + 1]) !== null) {
    name = identifierName(words[k + 1])!;
    k += 2;
  }
  const continuations = TYPE_CONTINUATIONS.get(name);
  for (;;) {
    const token = words[k];
    if (token?.kind === 'punct' && token.text === '(') {
      let depth = 0;
      const from = k;
      for (; k < words.length; k++) {
        if (words[k]!.text === '(') depth++;
        else if (words[k]!.text === ')' && --depth === 0) break;
      }
      name += words
        .slice(from, k + 1)
        .map((t) => t.text)
        .join('');
      k++;
    } else if (continuations !== undefined && token?.kind === 'ident') {
      const word = token.text.toLowerCase();
      if (!continuations.has(word)) break;
      name += ` ${word}`;
      k++;
    } else {
      break;
    }
  }
  let array = '';
  for (;;) {
    if (words[k]?.text === '[') {
      while (k < words.length && words[k]!.text !== ']') k++;
      array += '[]';
      k++;
    } else if (isWord(words[k], 'array')) {
      array += '[]';
      k++;
      if (words[k]?.text === '[') {
        while (k < words.length && words[k]!.text !== ']') k++;
        k++;
      }
    } else {
      break;
    }
  }
  return name + array;
}

/** What the use of a parameter at `words[p]` says about its type, or null. */
function guessAt(
  words: Token[],
  p: number,
): Pick<ParameterInfo, 'type' | 'source' | 'cast'> | null {
  let before = p - 1;
  let after = p + 1;
  // `($1)::int` casts the parameter just like `$1::int`.
  while (words[before]?.text === '(' && words[after]?.text === ')') {
    before--;
    after++;
  }
  const next = words[after];
  let cast: string | null = null;
  if (next?.kind === 'operator' && next.text === '::') {
    cast = readTypeName(words, after + 1);
  } else if (
    isWord(next, 'as') &&
    words[before]?.text === '(' &&
    isWord(words[before - 1], 'cast')
  ) {
    cast = readTypeName(words, after + 1);
  }
  if (cast !== null) return { type: typeForCast(cast), source: 'cast', cast };
  if (isWord(words[before], 'limit') || isWord(words[before], 'offset')) {
    return { type: 'number', source: 'limit', cast: null };
  }
  return null;
}

/** The `$n` parameters of `sql` outside strings, comments, dollar quotes and quoted names. */
export function findParameters(sql: string, tokens: Token[] = tokenize(sql)): ParameterScan {
  const words = tokens.filter((token) => !isTrivia(token));
  const byNumber = new Map<number, ParameterInfo>();
  const invalid: string[] = [];
  for (let p = 0; p < words.length; p++) {
    const token = words[p]!;
    if (token.kind !== 'param') continue;
    const number = Number(token.text.slice(1));
    if (number < 1 || number > MAX_PARAMETER) {
      invalid.push(token.text);
      continue;
    }
    let info = byNumber.get(number);
    if (info === undefined) {
      info = { number, type: 'text', source: 'default', cast: null, offsets: [] };
      byNumber.set(number, info);
    }
    info.offsets.push(token.start);
    if (info.source === 'default') {
      const guess = guessAt(words, p);
      if (guess !== null) Object.assign(info, guess);
    }
  }
  const params = [...byNumber.values()].sort((a, b) => a.number - b.number);
  const max = params.length > 0 ? params[params.length - 1]!.number : 0;
  const missing: number[] = [];
  for (let n = 1; n <= max; n++) if (!byNumber.has(n)) missing.push(n);
  return { params, max, missing, invalid };
}

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
