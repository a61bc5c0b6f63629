/**
 * A PostgreSQL-aware tokenizer for the SQL playground: statement splitting, parameter discovery
 * and the destructive-statement check all read its tokens, so that `;`, `$1` or `DROP` inside a
 * string, comment or dollar-quoted body never count.
 *
 * It follows the rules of Postgres's own scanner (src/backend/parser/scan.l) where they decide
 * token boundaries, but it never fails: the text is usually half typed, so an unterminated
 * string, quoted identifier or comment runs to the end of the text and is flagged `unterminated`,
 * and characters Postgres would reject come out as `other` tokens. Concatenating the tokens'
 * texts always gives back the input.
 */

export type TokenKind =
  | 'whitespace'
  | 'line-comment'
  | 'block-comment'
  /** '…', E'…', N'…', B'…', X'…' and U&'…' */
  | 'string'
  /** $$…$$ and $tag$…$tag$ */
  | 'dollar-string'
  /** "…" and U&"…" */
  | 'quoted-ident'
  /** $1 … $n */
  | 'param'
  | 'number'
  /** Unquoted identifiers and keywords alike: Postgres lets most keywords be names. */
  | 'ident'
  /** Operator characters (+ - * / < > = ~ ! @ # % ^ & | ` ?), and `::` and `:=`. */
  | 'operator'
  /** ; , ( ) [ ] . .. : */
  | 'punct'
  /** Anything Postgres would reject, such as a lone `$`, `\`, `{` or `}`. */
  | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the tokenized text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Set on a string, quoted identifier or block comment that is still open at the end. */
  unterminated?: true;
}

// Character classes as lookup tables on char codes: the scanner's inner loops run per character
// and a table read is cheaper than a regular expression or a chain of comparisons.
const IDENT_START = new Uint8Array(128);
const IDENT_PART = new Uint8Array(128);
const OP_CHAR = new Uint8Array(128);
const WHITESPACE = new Uint8Array(128);
const DIGIT = new Uint8Array(128);
const PUNCT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const letter = /[A-Za-z_]/.test(ch);
  const digit = c >= 48 && c <= 57;
  IDENT_START[c] = letter ? 1 : 0;
  IDENT_PART[c] = letter || digit || ch === '$' ? 1 : 0;
  OP_CHAR[c] = '+-*/<>=~!@#%^&|`?'.includes(ch) ? 1 : 0;
  WHITESPACE[c] = ' \t\n\r\f\v'.includes(ch) ? 1 : 0;
  DIGIT[c] = digit ? 1 : 0;
  PUNCT[c] = '();,[].'.includes(ch) ? 1 : 0;
}

// Postgres treats every non-ASCII byte as a letter; in a JS string that is any code unit ≥ 128.
// (`c >= 128` rather than `true` so that NaN, read past the end, is no letter.)
const isIdentStart = (c: number) => (c < 128 ? IDENT_START[c] === 1 : c >= 128);
const isIdentPart = (c: number) => (c < 128 ? IDENT_PART[c] === 1 : c >= 128);
const isDigit = (c: number) => c < 128 && DIGIT[c] === 1;
const isOpChar = (c: number) => c < 128 && OP_CHAR[c] === 1;
const isWhitespace = (c: number) => c < 128 && WHITESPACE[c] === 1;

const QUOTE = 39; // '
const DQUOTE = 34; // "
const DOLLAR = 36;
const BACKSLASH = 92;
const DOT = 46;
const COLON = 58;
const NEWLINE = 10;
const CR = 13;

/** End of a quoted run starting after its opening quote at `from`; a doubled quote is one char. */
function quotedEnd(sql: string, from: number, quote: number, backslashEscapes: boolean) {
  const n = sql.length;
  let i = from;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === quote) {
      if (sql.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return { end: i + 1, terminated: true };
    }
    i += backslashEscapes && c === BACKSLASH ? 2 : 1;
  }
  return { end: n, terminated: false };
}

/** End of a block comment whose `/*` is at `from`; Postgres nests them. */
function blockCommentEnd(sql: string, from: number) {
  const n = sql.length;
  let depth = 1;
  let i = from + 2;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 42 /* * */ && sql.charCodeAt(i + 1) === 47 /* / */) {
      i += 2;
      if (--depth === 0) return { end: i, terminated: true };
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      i += 2;
      depth++;
    } else {
      i++;
    }
  }
  return { end: n, terminated: false };
}

/** End of a number at `from` (a digit, or a `.` followed by one), as scan.l delimits them. */
function numberEnd(sql: string, from: number) {
  const n = sql.length;
  let i = from;
  const c0 = sql.charCodeAt(i);
  const c1 = sql.charCodeAt(i + 1) | 0x20;
  if (c0 === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
    // 0x1F, 0o17, 0b101 in any case (Postgres 16); `0x` alone is 0 followed by the name x.
    const valid = c1 === 120 ? /[0-9A-Fa-f_]/ : c1 === 111 ? /[0-7_]/ : /[01_]/;
    let j = i + 2;
    while (j < n && valid.test(sql[j]!)) j++;
    if (j > i + 2) return j;
  }
  while (i < n && (isDigit(sql.charCodeAt(i)) || sql.charCodeAt(i) === 95) /* _ */) i++;
  // `1..5` is 1 followed by `..` (scan.l's numericfail), not 1. followed by .5.
  if (sql.charCodeAt(i) === DOT && sql.charCodeAt(i + 1) !== DOT) {
    i++;
    while (i < n && (isDigit(sql.charCodeAt(i)) || sql.charCodeAt(i) === 95)) i++;
  }
  const e = sql.charCodeAt(i) | 0x20;
  if (e === 101 /* e */) {
    let j = i + 1;
    const sign = sql.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(sql.charCodeAt(j))) {
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

/** End of an operator at `from`, trimmed as scan.l trims them. */
function operatorEnd(sql: string, from: number) {
  const n = sql.length;
  let j = from + 1;
  while (j < n && isOpChar(sql.charCodeAt(j))) j++;
  // A comment start inside an operator ends it: `a+--x` is `a`, `+` and a comment.
  for (let k = from + 1; k < j - 1; k++) {
    const c = sql.charCodeAt(k);
    const next = sql.charCodeAt(k + 1);
    if ((c === 45 && next === 45) || (c === 47 && next === 42)) {
      j = k;
      break;
    }
  }
  // `=-1` is `=` then `-1`: a multi-character operator may end in + or - only when it also
  // holds one of the characters below (so that `@-` stays one operator).
  const last = sql.charCodeAt(j - 1);
  if (j - from > 1 && (last === 43 || last === 45)) {
    let special = false;
    for (let k = from; k < j - 1; k++) {
      if ('~!@#^&|`?%'.includes(sql[k]!)) {
        special = true;
        break;
      }
    }
    if (!special) {
      do j--;
      while (j - from > 1 && (sql.charCodeAt(j - 1) === 43 || sql.charCodeAt(j - 1) === 45));
    }
  }
  return j;
}

/**
 * A dollar quote's opening delimiter at `from` (`$$` or `$tag$`, the tag being identifier
 * characters without `$` and not starting with a digit), or null.
 */
function dollarDelimiter(sql: string, from: number) {
  const n = sql.length;
  let j = from + 1;
  if (j >= n) return null;
  if (sql.charCodeAt(j) !== DOLLAR) {
    if (!isIdentStart(sql.charCodeAt(j))) return null;
    j++;
    while (j < n) {
      const c = sql.charCodeAt(j);
      if (c === DOLLAR || !isIdentPart(c)) break;
      j++;
    }
    if (j >= n || sql.charCodeAt(j) !== DOLLAR) return null;
  }
  return sql.slice(from, j + 1);
}

/** Splits SQL text into tokens covering it completely, in order. Never throws. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;

  const push = (kind: TokenKind, end: number, terminated = true) => {
    const token: Token = { kind, text: sql.slice(i, end), start: i, end };
    if (!terminated) token.unterminated = true;
    tokens.push(token);
    i = end;
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1;

    if (isWhitespace(c)) {
      let j = i + 1;
      while (j < n && isWhitespace(sql.charCodeAt(j))) j++;
      push('whitespace', j);
    } else if (c === 45 /* - */ && next === 45) {
      let j = i + 2;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if (d === NEWLINE || d === CR) break;
        j++;
      }
      push('line-comment', j);
    } else if (c === 47 /* / */ && next === 42 /* * */) {
      const { end, terminated } = blockCommentEnd(sql, i);
      push('block-comment', end, terminated);
    } else if (c === QUOTE) {
      const { end, terminated } = quotedEnd(sql, i + 1, QUOTE, false);
      push('string', end, terminated);
    } else if (c === DQUOTE) {
      const { end, terminated } = quotedEnd(sql, i + 1, DQUOTE, false);
      push('quoted-ident', end, terminated);
    } else if (isIdentStart(c)) {
      const lower = c | 0x20;
      if (next === QUOTE && (lower === 101 /* e */ || lower === 98 /* b */ || lower === 120)) {
        // E'…' takes backslash escapes; B'…' and X'…' are bit strings with no escapes at all.
        const { end, terminated } = quotedEnd(sql, i + 2, QUOTE, lower === 101);
        push('string', end, terminated);
      } else if (next === QUOTE && lower === 110 /* n */) {
        const { end, terminated } = quotedEnd(sql, i + 2, QUOTE, false);
        push('string', end, terminated);
      } else if (
        lower === 117 /* u */ &&
        next === 38 /* & */ &&
        (sql.charCodeAt(i + 2) === QUOTE || sql.charCodeAt(i + 2) === DQUOTE)
      ) {
        // U&'…' escapes with a backslash too, but `\'` is not one of its escapes.
        const quote = sql.charCodeAt(i + 2);
        const { end, terminated } = quotedEnd(sql, i + 3, quote, false);
        push(quote === QUOTE ? 'string' : 'quoted-ident', end, terminated);
      } else {
        let j = i + 1;
        while (j < n && isIdentPart(sql.charCodeAt(j))) j++;
        push('ident', j);
      }
    } else if (c === DOT && next === DOT) {
      // PL/pgSQL's range `..`; without this, `1..2` would end in the number `.2`.
      push('punct', i + 2);
    } else if (isDigit(c) || (c === DOT && isDigit(next))) {
      push('number', numberEnd(sql, i));
    } else if (c === DOLLAR) {
      if (isDigit(next)) {
        let j = i + 2;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        push('param', j);
      } else {
        const delimiter = dollarDelimiter(sql, i);
        if (delimiter === null) {
          push('other', i + 1);
        } else {
          const close = sql.indexOf(delimiter, i + delimiter.length);
          if (close === -1) push('dollar-string', n, false);
          else push('dollar-string', close + delimiter.length);
        }
      }
    } else if (c === COLON) {
      // A lone `:` separates array slice bounds; `::` casts and `:=` assigns.
      if (next === COLON || next === 61 /* = */) push('operator', i + 2);
      else push('punct', i + 1);
    } else if (isOpChar(c)) {
      push('operator', operatorEnd(sql, i));
    } else if (c < 128 && PUNCT[c] === 1) {
      push('punct', i + 1);
    } else {
      push('other', i + 1);
    }
  }
  return tokens;
}

/** Whitespace and comments: what statement splitting and keyword checks look past. */
export function isTrivia(token: Token): boolean {
  return (
    token.kind === 'whitespace' || token.kind === 'line-comment' || token.kind === 'block-comment'
  );
}

/** The tokens that carry meaning, with whitespace and comments left out. */
export function significantTokens(sql: string): Token[] {
  return tokenize(sql).filter((token) => !isTrivia(token));
}

/** Whether the token is the unquoted word `word` (lowercase), as Postgres folds keywords. */
export function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'ident' && token.text.toLowerCase() === word;
}

/** A name as Postgres reads it: quoted names as written, unquoted ones folded to lower case. */
export function identifierName(token: Token | undefined): string | null {
  if (token?.kind === 'ident') return token.text.toLowerCase();
  if (token?.kind === 'quoted-ident') {
    const inner = token.unterminated ? token.text.slice(1) : token.text.slice(1, -1);
    return inner.replace(/""/g, '"');
  }
  return null;
}
