import { fileValue, type FileInfo, type FileMatch, type FileReference } from '../../contract/files';
import { quoteIdent } from '../db/index';
import type { SqlSession } from '../db/workspace-sessions';
import { badRequest } from '../errors';

/**
 * The columns of a workspace's tables that can name a file: a `uuid` column holds its id, a
 * text column (`text`, `varchar`, or a domain over one) its path. Recording an upload inserts
 * into one; finding and deleting the rows that use a file reads them all. Everything runs in the
 * workspace's own session, as its role: what its SQL could do, nothing more.
 */

/** A column that can name a file, and what of the file it holds. */
export interface FileColumn {
  table: string;
  column: string;
  match: FileMatch;
}

/** The workspace's columns of those types, table by table, in column order. */
const FILE_COLUMNS = `
  SELECT c.relname AS table, a.attname AS column,
         CASE WHEN coalesce(base.oid, t.oid) = 'pg_catalog.uuid'::regtype
              THEN 'id' ELSE 'path' END AS match,
         format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_type base ON t.typtype = 'd' AND base.oid = t.typbasetype
   WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
     AND coalesce(base.oid, t.oid) IN ('pg_catalog.uuid'::regtype, 'pg_catalog.text'::regtype,
                                       'pg_catalog.varchar'::regtype)`;

/**
 * The column `column` of `table` as a place to record a file, or the 400 that says why it is
 * not one: no such table, no such column, or a type that cannot hold an id or a path.
 */
export async function recordColumn(
  session: SqlSession,
  schema: string,
  { table, column }: { table: string; column: string },
): Promise<FileColumn> {
  const [found] = await session.query<{ relkind: string }>(
    `SELECT c.relkind FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, table],
  );
  if (!found || !['r', 'p'].includes(found.relkind)) {
    throw badRequest(`table: the workspace has no table "${table}" to record the file in`);
  }
  const [typed] = await session.query<{ type: string }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass
        AND a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema, table, column],
  );
  if (!typed) throw badRequest(`column: the table "${table}" has no column "${column}"`);
  const [usable] = await session.query<FileColumn>(
    `${FILE_COLUMNS} AND c.relname = $2 AND a.attname = $3`,
    [schema, table, column],
  );
  if (!usable) {
    throw badRequest(
      `column: "${column}" of "${table}" is ${typed.type}, which holds neither a file's id ` +
        '(a uuid column) nor its path (a text column)',
    );
  }
  return { table: usable.table, column: usable.column, match: usable.match };
}

const cast = (match: FileMatch) => (match === 'id' ? '::uuid' : '::text');

/** Inserts a row whose `target` column holds the file's id or path; the rest take defaults. */
export async function insertFileRow(
  session: SqlSession,
  schema: string,
  target: FileColumn,
  file: FileInfo,
) {
  await session.query(
    `INSERT INTO ${quoteIdent(schema)}.${quoteIdent(target.table)} (${quoteIdent(target.column)})
     VALUES ($1${cast(target.match)})`,
    [fileValue(file, target.match)],
  );
}

/** The rows whose columns name `file`, per table and column; columns with none left out. */
export async function fileReferences(
  session: SqlSession,
  schema: string,
  file: FileInfo,
  only?: FileColumn,
): Promise<FileReference[]> {
  return forEachTable(session, schema, file, only, (table, tests) => {
    const counts = tests.map((test, i) => `count(*) FILTER (WHERE ${test})::int8 AS c${i}`);
    return `SELECT ${counts.join(', ')} FROM ${table} WHERE ${anyOf(tests)}`;
  });
}

/**
 * Deletes the rows whose columns name `file`, and says how many per table and column (a row
 * naming it in two columns counts in both, and is deleted once).
 */
export async function deleteFileReferences(
  session: SqlSession,
  schema: string,
  file: FileInfo,
  only?: FileColumn,
): Promise<FileReference[]> {
  return forEachTable(session, schema, file, only, (table, tests) => {
    const flags = tests.map((test, i) => `(${test}) AS m${i}`);
    const counts = tests.map((_, i) => `count(*) FILTER (WHERE m${i})::int8 AS c${i}`);
    return `WITH gone AS (DELETE FROM ${table} WHERE ${anyOf(tests)} RETURNING ${flags.join(', ')})
            SELECT ${counts.join(', ')} FROM gone`;
  });
}

const anyOf = (tests: string[]) => tests.map((test) => `(${test})`).join(' OR ');

/**
 * Runs one statement per table over the columns that can name a file (or `only` that one): the
 * statement gets the table and, per column, its test `col = $n` (the n-th parameter is what of
 * the file that column holds) and answers one row of counts `c0`, `c1`…
 */
async function forEachTable(
  session: SqlSession,
  schema: string,
  file: FileInfo,
  only: FileColumn | undefined,
  statement: (table: string, tests: string[]) => string,
): Promise<FileReference[]> {
  const columns = only
    ? [only]
    : await session.query<FileColumn>(`${FILE_COLUMNS} ORDER BY c.relname, a.attnum`, [schema]);
  const byTable = new Map<string, FileColumn[]>();
  for (const column of columns) {
    byTable.set(column.table, [...(byTable.get(column.table) ?? []), column]);
  }
  const references: FileReference[] = [];
  for (const [table, tableColumns] of byTable) {
    const tests = tableColumns.map(
      (column, i) => `${quoteIdent(column.column)} = $${i + 1}${cast(column.match)}`,
    );
    const [counts] = await session.query<Record<string, string>>(
      statement(`${quoteIdent(schema)}.${quoteIdent(table)}`, tests),
      tableColumns.map((column) => fileValue(file, column.match)),
    );
    tableColumns.forEach((column, i) => {
      const rows = Number(counts?.[`c${i}`] ?? 0);
      if (rows > 0) {
        references.push({ table: column.table, column: column.column, match: column.match, rows });
      }
    });
  }
  return references;
}
