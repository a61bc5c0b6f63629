import type { Node } from 'libpg-query';
import { location, unwrap, walk, type AstObject } from './guard-ast';

/**
 * Whether a statement the guard already let through only reads: what a viewer may run. An
 * allow-list, so a statement kind this file does not know counts as writing. It explains the
 * refusal before anything reaches PostgreSQL; the read-only transaction a viewer's SQL runs in
 * (server/sql/executor.ts) is what holds when a write hides where no parse tree shows it, such
 * as `nextval()` or a function that writes.
 */

export interface WritingStatement {
  /** The statement's words in SQL: `INSERT`, `SELECT … FOR UPDATE`, `CREATE TABLE` … */
  what: string;
  /** Byte offset in the statement's text of what writes, when the tree says. */
  at?: number | undefined;
}

const STATEMENT_WORDS: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  CreateStmt: 'CREATE TABLE',
  CreateTableAsStmt: 'CREATE TABLE AS',
  ViewStmt: 'CREATE VIEW',
  IndexStmt: 'CREATE INDEX',
  CreateSeqStmt: 'CREATE SEQUENCE',
  AlterSeqStmt: 'ALTER SEQUENCE',
  CreateStatsStmt: 'CREATE STATISTICS',
  CompositeTypeStmt: 'CREATE TYPE',
  CreateEnumStmt: 'CREATE TYPE',
  CreateDomainStmt: 'CREATE DOMAIN',
  AlterEnumStmt: 'ALTER TYPE',
  AlterTableStmt: 'ALTER',
  RenameStmt: 'ALTER … RENAME',
  DropStmt: 'DROP',
  TruncateStmt: 'TRUNCATE',
  CommentStmt: 'COMMENT',
  ReindexStmt: 'REINDEX',
  RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW',
};

const DATA_CHANGES: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
};

function statementWords(kind: string, body: AstObject): string {
  if (kind === 'VacuumStmt') return body.is_vacuumcmd ? 'VACUUM' : 'ANALYZE';
  return STATEMENT_WORDS[kind] ?? `This statement (${kind.replace(/Stmt$/, '')})`;
}

/**
 * What in a SELECT writes: SELECT INTO makes a table, FOR UPDATE/SHARE locks rows (PostgreSQL
 * refuses it in a read-only transaction), and a WITH query may insert, update or delete — at
 * any depth, so the whole tree is searched.
 */
function writingInSelect(stmt: Node): WritingStatement | null {
  let found: WritingStatement | null = null;
  walk(stmt, (key, node, near) => {
    if (found) return;
    if (key === 'intoClause') found = { what: 'SELECT INTO', at: near };
    else if (key === 'LockingClause') found = { what: 'SELECT … FOR UPDATE/SHARE', at: near };
    else if (key in DATA_CHANGES) {
      found = { what: `WITH … ${DATA_CHANGES[key]}`, at: location(node) ?? near };
    }
  });
  return found;
}

/**
 * Null when the statement only reads (SELECT, VALUES, SHOW, EXPLAIN of a reading statement);
 * else what writes. EXPLAIN of a write counts as writing whether or not it has ANALYZE:
 * a viewer has no use for the plan of a change they may not make.
 */
export function writingStatement(stmt: Node): WritingStatement | null {
  const [kind, body] = unwrap(stmt);
  switch (kind) {
    case 'SelectStmt':
      return writingInSelect(stmt);
    case 'VariableShowStmt':
      return null;
    case 'ExplainStmt': {
      const inner = writingStatement(body.query as Node);
      return inner && { what: `EXPLAIN ${inner.what}`, at: inner.at };
    }
    default:
      return { what: statementWords(kind, body) };
  }
}
