import { tokenize } from './lexer';

/**
 * Where a server error points in the editor. Postgres reports `position` as a 1-based count of
 * characters (code points) into the text it was sent; the editor counts UTF-16 code units from
 * the start of the whole script, and the text sent may be one statement or a selection from
 * the middle of it.
 */

/** The UTF-16 index in `text` just past its first `count` code points (clamped to the text). */
export function codePointsToIndex(text: string, count: number): number {
  let index = 0;
  for (let seen = 0; seen < count && index < text.length; seen++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point in two code units.
    const pair =
      code >= 0xd800 &&
      code <= 0xdbff &&
      index + 1 < text.length &&
      (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
    index += pair ? 2 : 1;
  }
  return index;
}

export interface ErrorSpan {
  /** Offset in the script (UTF-16) of the first character to mark. */
  start: number;
  /** Offset just past the last character to mark; always > start unless the script is empty. */
  end: number;
}

/**
 * The span to mark for a server `position` into `sent`, which starts at `sentStart` in
 * `script`: the token at that point (a whole word, string or operator, as Postgres means "at or
 * near"), or one character; at the very end of the text (an unexpected end of input) the last
 * token. Null when the position does not fall inside the text.
 */
export function errorSpan(
  script: string,
  sent: string,
  sentStart: number,
  position: number,
): ErrorSpan | null {
  if (!Number.isInteger(position) || position < 1) return null;
  const inSent = codePointsToIndex(sent, position - 1);
  if (inSent > sent.length) return null;
  const tokens = tokenize(sent);
  const significant = tokens.filter((token) => token.kind !== 'whitespace');
  if (significant.length === 0) return null;
  let token = significant.find((t) => t.start <= inSent && inSent < t.end);
  if (token === undefined) {
    // Past the last token or in whitespace: the nearest token before, else the next one.
    token =
      [...significant].reverse().find((t) => t.end <= inSent) ??
      significant.find((t) => t.start >= inSent)!;
  }
  // A long string or comment would paint the whole statement: mark its first line only.
  const newline = token.text.indexOf('\n');
  const end = newline > 0 ? token.start + newline : token.end;
  const start = sentStart + token.start;
  return start > script.length ? null : { start, end: Math.min(script.length, sentStart + end) };
}
