import { isTrivia, isWord, tokenize, type Token } from './lexer';

/**
 * Statement boundaries in a script, for running the statement under the cursor: the server
 * takes exactly one statement per request.
 *
 * A statement ends at a `;` outside strings, comments and dollar quotes. Unlike psql, a `;`
 * inside parentheses still ends it: the text is being typed, and one unclosed `(` must not
 * swallow every statement after it. psql's one exception is kept: the semicolons of a
 * `CREATE FUNCTION|PROCEDURE … BEGIN ATOMIC … END` body stay inside the statement.
 */

export interface Statement {
  /** First character: leading comments belong to the statement, whitespace does not. */
  start: number;
  /** Just past the last token that is not a comment, before the `;`. */
  end: number;
  /** `sql.slice(start, end)`: what to send, without the `;`. */
  text: string;
  /** Offset of the `;` that ends the statement, or null when the script ends first. */
  semicolon: number | null;
  /**
   * The last cursor offset that still picks this statement when the cursor is not inside
   * another one: just past the `;` and past a `--` comment on the same line after it.
   */
  cursorEnd: number;
  /** The statement's tokens from `start` to `end`, comments and whitespace included. */
  tokens: Token[];
}

/** Whether the segment opens with CREATE [OR REPLACE] FUNCTION|PROCEDURE (psql's heuristic). */
function startsRoutine(words: Token[]) {
  let k = 0;
  if (!isWord(words[k++], 'create')) return false;
  if (isWord(words[k], 'or') && isWord(words[k + 1], 'replace')) k += 2;
  return isWord(words[k], 'function') || isWord(words[k], 'procedure');
}

const hasNewline = (token: Token) => token.text.includes('\n') || token.text.includes('\r');

/**
 * Splits a script into its statements, in order. Stretches holding only whitespace and
 * comments (say after the last `;`) are not statements and are left out.
 */
export function splitStatements(sql: string, tokens: Token[] = tokenize(sql)): Statement[] {
  const statements: Statement[] = [];
  let segment: Token[] = [];
  // Significant tokens of the segment so far, for the BEGIN ATOMIC heuristic.
  let words: Token[] = [];
  let routine = false;
  let parenDepth = 0;
  let beginDepth = 0;
  let previous: Statement | null = null;

  const close = (semicolon: number | null) => {
    let from = 0;
    // A `--` comment on the line of the previous `;` annotates that statement, not this one.
    if (previous !== null && previous.semicolon !== null) {
      let k = 0;
      if (segment[k]?.kind === 'whitespace' && !hasNewline(segment[k]!)) k++;
      if (segment[k]?.kind === 'line-comment') {
        previous.cursorEnd = segment[k]!.end;
        from = k + 1;
      }
    }
    let first = from;
    while (first < segment.length && segment[first]!.kind === 'whitespace') first++;
    let last = segment.length - 1;
    while (last >= first && isTrivia(segment[last]!)) last--;
    if (last >= first) {
      const stmtTokens = segment.slice(first, last + 1);
      const start = stmtTokens[0]!.start;
      const end = stmtTokens[stmtTokens.length - 1]!.end;
      previous = {
        start,
        end,
        text: sql.slice(start, end),
        semicolon,
        cursorEnd: semicolon === null ? end : semicolon + 1,
        tokens: stmtTokens,
      };
      statements.push(previous);
    }
    segment = [];
    words = [];
    routine = false;
    parenDepth = 0;
    beginDepth = 0;
  };

  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === ';' && beginDepth === 0) {
      close(token.start);
      continue;
    }
    segment.push(token);
    if (isTrivia(token)) continue;
    words.push(token);
    if (words.length <= 4) routine = startsRoutine(words);
    if (token.kind === 'punct') {
      if (token.text === '(') parenDepth++;
      else if (token.text === ')' && parenDepth > 0) parenDepth--;
    } else if (routine && parenDepth === 0 && token.kind === 'ident') {
      const word = token.text.toLowerCase();
      if (word === 'atomic' && isWord(words[words.length - 2], 'begin')) beginDepth++;
      // CASE … END inside the body would otherwise close the BEGIN ATOMIC early.
      else if (word === 'case' && beginDepth > 0) beginDepth++;
      else if (word === 'end' && beginDepth > 0) beginDepth--;
    }
  }
  close(null);
  return statements;
}

/**
 * The statement to run for a cursor at `offset`, or null when the script has none.
 *
 * Rule: a cursor from a statement's first character (its leading comments included) to just
 * past its `;` picks it; so does a cursor in a `--` comment on the line of that `;`. A cursor
 * anywhere else (blank lines between statements, a comment-only stretch after the last one,
 * trailing whitespace) picks the statement before it, like DataGrip and pgAdmin, except that
 * a cursor with only spaces or tabs between it and the next statement's start (its
 * indentation) picks that next one. Before the first statement, the first one.
 */
export function statementAt(
  sql: string,
  offset: number,
  statements: Statement[] = splitStatements(sql),
): Statement | null {
  for (let k = 0; k < statements.length; k++) {
    const statement = statements[k]!;
    if (offset < statement.start) {
      const previous = statements[k - 1];
      if (previous === undefined) return statement;
      return /^[ \t]*$/.test(sql.slice(offset, statement.start)) ? statement : previous;
    }
    if (offset <= statement.cursorEnd) return statement;
  }
  return statements[statements.length - 1] ?? null;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface RunTarget extends TextRange {
  text: string;
  /** 'selection' when the selection had something besides whitespace and comments. */
  source: 'selection' | 'statement';
  /** How many statements the text holds: the server refuses more than one. */
  statementCount: number;
}

/**
 * What the Run button runs: the selected text, trimmed of surrounding whitespace, when the
 * selection holds more than whitespace and comments; otherwise the statement at the cursor
 * (the selection's end, where the editor's caret sits after a forward selection).
 */
export function runTarget(sql: string, selection: TextRange): RunTarget | null {
  const from = Math.max(0, Math.min(selection.start, selection.end));
  const to = Math.min(sql.length, Math.max(selection.start, selection.end));
  if (to > from) {
    const selected = sql.slice(from, to);
    const inner = splitStatements(selected);
    if (inner.length > 0) {
      const lead = selected.length - selected.trimStart().length;
      const text = selected.trim();
      return {
        text,
        start: from + lead,
        end: from + lead + text.length,
        source: 'selection',
        statementCount: inner.length,
      };
    }
  }
  const statement = statementAt(sql, selection.end);
  if (statement === null) return null;
  return {
    text: statement.text,
    start: statement.start,
    end: statement.end,
    source: 'statement',
    statementCount: 1,
  };
}
