import { isTrivia, tokenize } from './lexer';

/** Words for what a run did, from the command the server names (or the statement's first word). */

const TOUCHED: Record<string, string> = {
  INSERT: 'inserted',
  UPDATE: 'updated',
  DELETE: 'deleted',
  MERGE: 'merged',
};

/**
 * The statement's command: the server's `command` when it sends one (the bundled server does),
 * else the statement's first keyword, as the hosted API may not send it. A `WITH … ` query is
 * named by the statement after its CTEs.
 */
export function commandOf(command: string | undefined, sql: string): string {
  if (command) return command.toUpperCase();
  const words = tokenize(sql).filter((token) => !isTrivia(token));
  let depth = 0;
  let first: string | null = null;
  for (const word of words) {
    if (word.text === '(') depth++;
    else if (word.text === ')') depth--;
    else if (word.kind === 'ident' && depth === 0) {
      const upper = word.text.toUpperCase();
      if (first === null) first = upper;
      if (first !== 'WITH') return upper;
      if (['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(upper)) return upper;
    }
  }
  return first ?? 'SQL';
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "3 rows", "1 row inserted", "CREATE TABLE done". */
/** Whether the command adds, changes or removes rows (INSERT, UPDATE, DELETE, MERGE). */
export const changesRows = (command: string) => TOUCHED[command] !== undefined;

export function rowsSummary(command: string, rowCount: number, hasColumns: boolean): string {
  const touched = TOUCHED[command];
  if (touched !== undefined) return `${plural(rowCount, 'row')} ${touched}`;
  if (hasColumns || command === 'SELECT') return plural(rowCount, 'row');
  return `${command} done`;
}

/** "12 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 1-based line and column of an offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
