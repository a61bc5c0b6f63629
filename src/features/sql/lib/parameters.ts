import { identifierName, isTrivia, isWord, tokenize, type Token } from './lexer';

/**
 * The `$n` parameters of a statement, with a guess at what kind of input each one wants (the
 * conversion of an input's text into the value sent is in param-values.ts).
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
