import { identifierName, isTrivia, tokenize, type Token } from './lexer';
import {
  NOT_TABLE_ALIAS as NOT_ALIAS,
  RESERVED_WORDS as RESERVED,
  SQL_FUNCTIONS,
  SQL_KEYWORDS,
  SQL_TYPES,
} from './sql-words';
import { splitStatements, statementAt } from './statements';

/**
 * What to offer at the cursor: after `"workspace".` the workspace's tables, after `table.`
 * or `alias.` that table's columns, elsewhere keywords, functions, the workspace's tables (plain
 * and schema-qualified) and the columns of the tables the statement names. Pure: the editor
 * fetches the column lists this asks for and hands them back.
 */

export interface TableRef {
  /** The schema as written before the table, unquoted, or null. */
  schema: string | null;
  table: string;
  alias: string | null;
}

export interface CompletionSite {
  /** Offset where the word being typed starts: the range a suggestion replaces. */
  wordStart: number;
  /** The word typed so far (with its opening quote, if quoted). */
  word: string;
  /** Name parts before a `.` just before the word, unquoted: `"ws".` → ['ws']; [] without. */
  qualifier: string[];
  /** Tables named in the statement at the cursor (FROM, JOIN, UPDATE, INTO …). */
  tables: TableRef[];
  /** The cursor is in a string, comment or dollar quote: offer nothing. */
  suppressed: boolean;
}

const SIMPLE_NAME = /^[a-z_][a-z0-9_$]*$/;

/** The name as SQL text: bare when Postgres would read it back unchanged, else double-quoted. */
export function quoteName(name: string): string {
  return SIMPLE_NAME.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const TABLE_INTRODUCERS = new Set(['from', 'join', 'update', 'into', 'table']);

/** Tables a statement names after FROM, JOIN, UPDATE, INTO and TABLE, with their aliases. */
export function tableRefs(words: readonly Token[]): TableRef[] {
  const refs: TableRef[] = [];
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const introducer = word.text.toLowerCase();
    if (word.kind !== 'ident' || !TABLE_INTRODUCERS.has(introducer)) continue;
    // FROM a, b JOIN c: a comma continues the list.
    let j = k + 1;
    for (;;) {
      if (words[j]?.kind === 'ident' && words[j]!.text.toLowerCase() === 'only') j++;
      const first = words[j] && identifierName(words[j]!);
      if (
        first === null ||
        first === undefined ||
        (RESERVED.has(first) && words[j]!.kind === 'ident')
      )
        break;
      let schema: string | null = null;
      let table = first;
      j++;
      if (words[j]?.text === '.' && words[j + 1] && identifierName(words[j + 1]!) !== null) {
        schema = table;
        table = identifierName(words[j + 1]!)!;
        j += 2;
      }
      // `FROM f(…)` calls a function; `INTO t (a, b)` lists the table's columns.
      if (words[j]?.text === '(' && introducer !== 'into' && introducer !== 'table') break;
      let alias: string | null = null;
      if (words[j]?.kind === 'ident' && words[j]!.text.toLowerCase() === 'as') j++;
      const next = words[j];
      if (
        next !== undefined &&
        (next.kind === 'quoted-ident' ||
          (next.kind === 'ident' && !NOT_ALIAS.has(next.text.toLowerCase())))
      ) {
        alias = identifierName(next);
        j++;
      }
      refs.push({ schema, table, alias });
      if (words[j]?.text !== ',') break;
      j++;
    }
  }
  return refs;
}

/** Where the cursor at `offset` is, for completion. */
export function completionSite(sql: string, offset: number): CompletionSite {
  const tokens = tokenize(sql);
  const at = tokens.find((token) => token.start < offset && offset <= token.end);
  const inside =
    at !== undefined &&
    (at.kind === 'string' ||
      at.kind === 'dollar-string' ||
      at.kind === 'block-comment' ||
      at.kind === 'line-comment') &&
    (offset < at.end || at.unterminated === true || at.kind === 'line-comment');
  const typing =
    at !== undefined &&
    (at.kind === 'ident' || at.kind === 'quoted-ident') &&
    (at.end === offset || at.unterminated === true)
      ? at
      : undefined;
  const wordStart = typing?.start ?? offset;
  const word = typing ? sql.slice(typing.start, offset) : '';

  const statement = statementAt(sql, offset, splitStatements(sql, tokens));
  const words = (statement?.tokens ?? []).filter((token) => !isTrivia(token));

  const before = tokens.filter((token) => token.end <= wordStart && !isTrivia(token));
  const qualifier: string[] = [];
  let k = before.length - 1;
  while (k >= 1 && before[k]!.kind === 'punct' && before[k]!.text === '.') {
    const part = identifierName(before[k - 1]!);
    // Only directly adjacent: `a . b` is rare, and `SELECT 1. x` is not a qualifier.
    if (part === null || before[k - 1]!.end !== before[k]!.start) break;
    qualifier.unshift(part);
    k -= 2;
  }
  return { wordStart, word, qualifier, tables: tableRefs(words), suppressed: inside };
}

export type SuggestionKind = 'keyword' | 'function' | 'type' | 'schema' | 'table' | 'column';

export interface Suggestion {
  label: string;
  insertText: string;
  kind: SuggestionKind;
  detail?: string;
  /** Orders the list: columns first, then tables, then words. */
  sortText: string;
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface CompletionSchema {
  workspaceId: string;
  tables: readonly string[];
  /** Columns of the workspace's tables that were fetched (by table name). */
  columns: ReadonlyMap<string, readonly ColumnInfo[]>;
}

/** The tables of the workspace whose columns the site can use (to fetch them first). */
export function tablesToDescribe(site: CompletionSite, schema: Omit<CompletionSchema, 'columns'>) {
  const inWorkspace = (ref: { schema: string | null; table: string }) =>
    (ref.schema === null || ref.schema === schema.workspaceId) && schema.tables.includes(ref.table);
  if (site.qualifier.length > 0) {
    const target = qualifiedTable(site, schema.workspaceId);
    return target !== null && inWorkspace(target) ? [target.table] : [];
  }
  return [...new Set(site.tables.filter(inWorkspace).map((ref) => ref.table))];
}

/** The table a `x.` or `schema.x.` qualifier points at: an alias, or a table by name. */
function qualifiedTable(site: CompletionSite, workspaceId: string) {
  const q = site.qualifier;
  if (q.length === 2) return { schema: q[0]!, table: q[1]! };
  if (q.length !== 1) return null;
  const byAlias = site.tables.find((ref) => ref.alias === q[0]);
  if (byAlias) return { schema: byAlias.schema, table: byAlias.table };
  if (q[0] === workspaceId) return null;
  return { schema: null, table: q[0]! };
}

export function suggestions(site: CompletionSite, schema: CompletionSchema): Suggestion[] {
  if (site.suppressed) return [];
  const out: Suggestion[] = [];
  const columnsOf = (table: string, rank: string, detailPrefix = '') =>
    (schema.columns.get(table) ?? []).map((column): Suggestion => ({
      label: column.name,
      insertText: quoteName(column.name),
      kind: 'column',
      detail: `${detailPrefix}${column.type}`,
      sortText: `${rank}${column.name}`,
    }));

  if (site.qualifier.length > 0) {
    if (site.qualifier.length === 1 && site.qualifier[0] === schema.workspaceId) {
      for (const table of schema.tables) {
        out.push({
          label: table,
          insertText: quoteName(table),
          kind: 'table',
          detail: 'table',
          sortText: `1${table}`,
        });
      }
    }
    const target = qualifiedTable(site, schema.workspaceId);
    if (target !== null && (target.schema === null || target.schema === schema.workspaceId)) {
      out.push(...columnsOf(target.table, '0'));
    }
    return out;
  }

  const seen = new Set<string>();
  for (const ref of site.tables) {
    if (seen.has(ref.table)) continue;
    seen.add(ref.table);
    out.push(...columnsOf(ref.table, '0', `${ref.table} · `));
  }
  const ws = quoteName(schema.workspaceId);
  for (const table of schema.tables) {
    out.push({
      label: table,
      insertText: quoteName(table),
      kind: 'table',
      detail: 'table',
      sortText: `1${table}`,
    });
    const qualified = `${ws}.${quoteName(table)}`;
    out.push({
      label: qualified,
      insertText: qualified,
      kind: 'table',
      detail: 'table, schema-qualified',
      sortText: `2${table}`,
    });
  }
  out.push({
    label: schema.workspaceId,
    insertText: ws,
    kind: 'schema',
    detail: 'this workspace’s schema',
    sortText: `3${schema.workspaceId}`,
  });
  for (const keyword of SQL_KEYWORDS) {
    out.push({ label: keyword, insertText: keyword, kind: 'keyword', sortText: `4${keyword}` });
  }
  for (const fn of SQL_FUNCTIONS) {
    out.push({
      label: fn,
      insertText: fn,
      kind: 'function',
      detail: 'function',
      sortText: `5${fn}`,
    });
  }
  for (const type of SQL_TYPES) {
    out.push({ label: type, insertText: type, kind: 'type', detail: 'type', sortText: `6${type}` });
  }
  return out;
}
