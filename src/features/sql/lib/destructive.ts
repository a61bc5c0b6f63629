import { isTrivia, isWord, type Token } from './lexer';
import { splitStatements } from './statements';

/**
 * Which statements deserve a confirmation before they run: DROP (of anything), TRUNCATE,
 * DELETE or UPDATE without a WHERE of their own, and ALTER TABLE … DROP [COLUMN].
 *
 * Decided from tokens, so words in comments, strings and dollar-quoted bodies never count.
 * A DELETE or UPDATE counts where it runs as a statement: at the top, as the main statement
 * after WITH, as a data-modifying CTE `(DELETE …)`, in `COPY (…) TO`, and after EXPLAIN
 * ANALYZE (plain EXPLAIN does not run it). Its WHERE must sit at its own parenthesis depth: a
 * WHERE in a subquery, a CTE or `SET a = (SELECT … WHERE …)` does not limit the rows it
 * touches. DELETE/UPDATE after ON, FOR, DO, THEN (foreign keys, row locks, ON CONFLICT, MERGE)
 * are not statements, and CREATE … and PREPARE … only define statements that run later.
 * `WHERE true` is taken at its word.
 */

type Words = Token[];

const isPunct = (token: Token | undefined, text: string) =>
  token !== undefined && token.kind === 'punct' && token.text === text;

/** A possibly schema-qualified name at `words[k]`, as written, with the index after it. */
function readName(words: Words, k: number): { name: string; next: number } | null {
  const isName = (token: Token | undefined) =>
    token !== undefined && (token.kind === 'ident' || token.kind === 'quoted-ident');
  if (!isName(words[k])) return null;
  let name = words[k]!.text;
  k++;
  while (isPunct(words[k], '.') && isName(words[k + 1])) {
    name += `.${words[k + 1]!.text}`;
    k += 2;
  }
  return { name, next: k };
}

/** Index past the `)` that closes the `(` at `words[k]`. */
function skipParens(words: Words, k: number) {
  let depth = 0;
  for (; k < words.length; k++) {
    if (isPunct(words[k], '(')) depth++;
    else if (isPunct(words[k], ')') && --depth === 0) return k + 1;
  }
  return k;
}

/** `a, b.c, "d"` from `words[k]` on; function arguments `(…)` after a name are skipped. */
function readNameList(words: Words, k: number) {
  const names: string[] = [];
  for (;;) {
    const read = readName(words, k);
    if (read === null) break;
    names.push(read.name);
    k = read.next;
    if (isPunct(words[k], '(')) k = skipParens(words, k);
    if (words[k]?.kind === 'operator' && words[k]!.text === '*') k++;
    if (!isPunct(words[k], ',')) break;
    k++;
  }
  return names;
}

const DROP_KINDS = [
  'access method',
  'event trigger',
  'foreign data wrapper',
  'foreign table',
  'materialized view',
  'operator class',
  'operator family',
  'procedural language',
  'text search configuration',
  'text search dictionary',
  'text search parser',
  'text search template',
  'user mapping',
  'owned by',
].map((kind) => kind.split(' '));

function dropReason(words: Words): string {
  let k = 1;
  let kind: string[] | undefined = DROP_KINDS.find((phrase) =>
    phrase.every((word, j) => isWord(words[k + j], word)),
  );
  if (kind === undefined) kind = words[k]?.kind === 'ident' ? [words[k]!.text] : [];
  k += kind.length;
  const what = kind.join(' ').toUpperCase();
  if (isWord(words[k], 'concurrently')) k++;
  if (isWord(words[k], 'if') && isWord(words[k + 1], 'exists')) k += 2;
  const names = readNameList(words, k);
  const subject = ['DROP', what, names.join(', ')].filter((part) => part !== '').join(' ');
  const cascade = words.some((word) => isWord(word, 'cascade'))
    ? `; CASCADE also drops everything that depends on ${names.length > 1 ? 'them' : 'it'}`
    : '';
  if (what === 'TABLE' && names.length > 0) {
    const them = names.length > 1 ? 'the tables and all their rows' : 'the table and all its rows';
    return `${subject} deletes ${them}${cascade}`;
  }
  return `${subject} cannot be undone${cascade}`;
}

function truncateReason(words: Words): string {
  let k = 1;
  if (isWord(words[k], 'table')) k++;
  if (isWord(words[k], 'only')) k++;
  const names = readNameList(words, k);
  const cascade = words.some((word) => isWord(word, 'cascade'))
    ? ', and of every table that references it'
    : '';
  return names.length > 0
    ? `TRUNCATE removes every row of ${names.join(', ')}${cascade}`
    : 'TRUNCATE removes every row';
}

/** ALTER [FOREIGN] TABLE … DROP [COLUMN] x, one reason per dropped column. */
function alterReasons(words: Words): string[] {
  let k = 1;
  if (isWord(words[k], 'foreign')) k++;
  if (!isWord(words[k], 'table')) return [];
  k++;
  if (isWord(words[k], 'if') && isWord(words[k + 1], 'exists')) k += 2;
  if (isWord(words[k], 'only')) k++;
  const table = readName(words, k);
  if (table === null) return [];
  k = table.next;
  if (words[k]?.text === '*') k++;
  const reasons: string[] = [];
  // Actions are separated by top-level commas; only one that starts with DROP drops a column
  // (`ALTER COLUMN c DROP DEFAULT` and `DROP CONSTRAINT` do not).
  let actionStart = true;
  let depth = 0;
  for (; k < words.length; k++) {
    const word = words[k]!;
    if (isPunct(word, '(')) depth++;
    else if (isPunct(word, ')')) depth--;
    if (depth > 0) continue;
    if (actionStart && isWord(word, 'drop') && !isWord(words[k + 1], 'constraint')) {
      let c = k + 1;
      if (isWord(words[c], 'column')) c++;
      if (isWord(words[c], 'if') && isWord(words[c + 1], 'exists')) c += 2;
      const column = readName(words, c)?.name ?? 'a column';
      reasons.push(
        `ALTER TABLE ${table.name} DROP COLUMN ${column} deletes the column and its data`,
      );
    }
    actionStart = isPunct(word, ',');
  }
  return reasons;
}

/** Reasons for the DELETE and UPDATE statements in `words` that lack a WHERE of their own. */
function dmlReasons(words: Words): string[] {
  const reasons: string[] = [];
  // For each open parenthesis (and the statement itself): the index of its first token.
  const groupStarts = [0];
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if (isPunct(word, '(')) {
      groupStarts.push(k + 1);
      continue;
    }
    if (isPunct(word, ')')) {
      if (groupStarts.length > 1) groupStarts.pop();
      continue;
    }
    const isDelete = isWord(word, 'delete');
    if (!isDelete && !isWord(word, 'update')) continue;
    const groupStart = groupStarts[groupStarts.length - 1]!;
    // First in its group, or the main statement after `WITH name AS (…)`.
    const runs =
      k === groupStart || (isWord(words[groupStart], 'with') && isPunct(words[k - 1], ')'));
    if (!runs) continue;

    let where = false;
    let set = false;
    let depth = 0;
    for (let j = k + 1; j < words.length; j++) {
      const next = words[j]!;
      if (isPunct(next, '(')) depth++;
      else if (isPunct(next, ')') && --depth < 0) break;
      else if (depth === 0 && isWord(next, 'where')) where = true;
      else if (depth === 0 && isWord(next, 'set')) set = true;
    }
    if (where) continue;
    if (isDelete) {
      if (!isWord(words[k + 1], 'from')) continue;
      const c = isWord(words[k + 2], 'only') ? k + 3 : k + 2;
      const table = readName(words, c)?.name ?? 'the table';
      reasons.push(`DELETE without WHERE removes every row of ${table}`);
    } else {
      if (!set) continue;
      const c = isWord(words[k + 1], 'only') ? k + 2 : k + 1;
      const table = readName(words, c)?.name ?? 'the table';
      reasons.push(`UPDATE without WHERE changes every row of ${table}`);
    }
  }
  return reasons;
}

/** EXPLAIN runs its statement only with ANALYZE; returns the statement's words if it does. */
function explained(words: Words): Words | null {
  let k = 1;
  let analyze = false;
  if (isPunct(words[k], '(')) {
    const end = skipParens(words, k);
    for (let j = k + 1; j < end; j++) {
      if (isWord(words[j], 'analyze') || isWord(words[j], 'analyse')) {
        const value = words[j + 1]?.text.toLowerCase();
        analyze = value !== 'false' && value !== 'off' && value !== '0';
      }
    }
    k = end;
  } else {
    for (; ; k++) {
      if (isWord(words[k], 'analyze') || isWord(words[k], 'analyse')) analyze = true;
      else if (!isWord(words[k], 'verbose')) break;
    }
  }
  return analyze ? words.slice(k) : null;
}

function statementReasons(words: Words): string[] {
  const first = words[0];
  if (isWord(first, 'drop')) return [dropReason(words)];
  if (isWord(first, 'truncate')) return [truncateReason(words)];
  if (isWord(first, 'alter')) return alterReasons(words);
  if (isWord(first, 'create') || isWord(first, 'prepare')) return [];
  if (isWord(first, 'explain')) {
    const inner = explained(words);
    return inner === null ? [] : dmlReasons(inner);
  }
  return dmlReasons(words);
}

/** Every reason to confirm before running `sql`, one per destructive part, in order. */
export function destructiveReasons(sql: string): string[] {
  return splitStatements(sql).flatMap((statement) =>
    statementReasons(statement.tokens.filter((token) => !isTrivia(token))),
  );
}

/**
 * Why running `sql` needs a confirmation, as a short sentence such as "DELETE without WHERE
 * removes every row of documents", or null when it does not. With several reasons (several
 * statements, or a data-modifying CTE) the first is given.
 */
export function destructiveReason(sql: string): string | null {
  return destructiveReasons(sql)[0] ?? null;
}
