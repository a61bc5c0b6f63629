import { describe, expect, it } from 'vitest';
import { codePointsToIndex, errorSpan } from './error-position';

describe('codePointsToIndex', () => {
  it('counts a surrogate pair as one character, as Postgres does', () => {
    const text = "SELECT '😀' + x";
    // Postgres: position 12 is the `+` (1-based code points); in UTF-16 the emoji takes two units.
    expect(text[codePointsToIndex(text, 11)]).toBe('+');
    expect(codePointsToIndex('abc', 2)).toBe(2);
  });

  it('stops at the end of the text', () => {
    expect(codePointsToIndex('abc', 10)).toBe(3);
  });
});

describe('errorSpan', () => {
  it('marks the token at the position, offset by where the statement starts in the script', () => {
    const script = 'SELECT 1;\nSELEC name FROM t';
    const start = script.indexOf('SELEC ');
    const sent = script.slice(start);
    // Postgres: syntax error at or near "SELEC", position 1.
    expect(errorSpan(script, sent, start, 1)).toEqual({ start, end: start + 5 });
    const span = errorSpan(script, sent, start, sent.indexOf('FROM') + 1)!;
    expect(script.slice(span.start, span.end)).toBe('FROM');
  });

  it('marks the last token for an error at the end of the input', () => {
    const sent = 'SELECT (1 + ';
    const span = errorSpan(sent, sent, 0, sent.length + 1)!;
    expect(sent.slice(span.start, span.end)).toBe('+');
  });

  it('marks the next token when the position falls on whitespace', () => {
    const sent = 'SELECT   nope';
    const span = errorSpan(sent, sent, 0, 8)!;
    expect(sent.slice(span.start, span.end)).toBe('SELECT');
  });

  it('marks only the first line of a long string', () => {
    const sent = "SELECT 'a\nb\nc'::int";
    const span = errorSpan(sent, sent, 0, 8)!;
    expect(sent.slice(span.start, span.end)).toBe("'a");
  });

  it('maps positions after non-BMP characters', () => {
    const sent = "SELECT '🦆🦆', bad(";
    const position = [...sent].indexOf('b') + 1;
    const span = errorSpan(sent, sent, 0, position)!;
    expect(sent.slice(span.start, span.end)).toBe('bad');
  });

  it('gives nothing for a position outside the text or an empty statement', () => {
    expect(errorSpan('SELECT 1', 'SELECT 1', 0, 0)).toBeNull();
    expect(errorSpan('   ', '   ', 0, 1)).toBeNull();
  });
});
