import {
  hasSqlDetails,
  loadModule,
  parseSync,
  type Node,
  type ParseResult,
  type RawStmt,
} from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import { SourceText, sameTree, unwrap, type AstObject } from './guard-ast';
import { EmptyStatement, StatementRefused, StatementSyntaxError } from './guard-errors';
import { enforcePolicy } from './guard-policy';

/**
 * The statement check in front of a workspace's SQL: PostgreSQL's own parser (compiled to WASM)
 * reads the text, and a policy refuses what a workspace must never run, before anything reaches
 * the database. The workspace's login role remains the real boundary; this is the second layer,
 * and the one that explains itself.
 */

export { EmptyStatement, StatementRefused, StatementSyntaxError } from './guard-errors';
export { insertValuesAsCopy, insertValuesAsSet, type CopyPlan } from './guard-batch';

export interface CheckedStatement {
  /** The SQL to send: the caller's text unless `rewritten`. */
  text: string;
  rewritten: boolean;
  /** The statement's node type: 'SelectStmt', 'InsertStmt', 'ExplainStmt', … */
  kind: string;
  /** The highest `$n` anywhere in the statement, 0 when there is none. */
  paramCount: number;
  /** The parse tree of `text` (locations are byte offsets into `text`). */
  ast: Node;
}

let loading: Promise<void> | undefined;
let loaded = false;

/** Loads the parser once (at server start); later calls share the first load. */
export function loadGuard(): Promise<void> {
  loading ??= loadModule().then(
    () => {
      // The first parses compile the WASM code paths (~20 ms): pay that at start, not in a request.
      parseSync(
        `SELECT a, count(*) FROM s.t WHERE b->>$1 = 'x' GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
      );
      loaded = true;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Parses `sql` and applies the workspace policy. Throws EmptyStatement or StatementSyntaxError
 * for text that is not one statement, StatementRefused for a statement a workspace may not run.
 */
export function checkStatement(sql: string): CheckedStatement {
  if (!loaded) throw new Error('checkStatement() needs loadGuard() to have finished');
  const source = new SourceText(sql);
  // The parser reads a C string and would not see anything after a NUL.
  const nul = sql.indexOf('\0');
  if (nul >= 0) {
    throw new StatementSyntaxError(
      'The query contains a NUL character (0x00)',
      source.positionOfByte(Buffer.byteLength(sql.slice(0, nul))),
    );
  }
  try {
    return check(sql, source);
  } catch (error) {
    // The parser and the deparser recurse; PostgreSQL has the same kind of limit (54001).
    if (error instanceof RangeError) {
      throw new StatementRefused('The query is nested too deeply to check', undefined, '54001');
    }
    throw error;
  }
}

function check(sql: string, source: SourceText): CheckedStatement {
  if (sql === '') throw new EmptyStatement();
  const stmts = parse(sql).stmts ?? [];
  if (stmts.length === 0) throw new EmptyStatement();
  if (stmts.length > 1) {
    // 42601 as PostgreSQL's "cannot insert multiple commands into a prepared statement".
    throw new StatementRefused(
      `Send one statement per request (found ${stmts.length})`,
      source.positionOfByte(stmts[1]!.stmt_location ?? 0),
      '42601',
    );
  }
  const ast = stmts[0]!.stmt!;
  const kind = unwrap(ast)[0];
  const paramCount = enforcePolicy(ast, stmts[0]!.stmt_location ?? 0, source);
  if (kind === 'IndexStmt' && unwrap(ast)[1].accessMethod === 'deeplake_index') {
    return rewriteDeeplakeIndex(ast, paramCount);
  }
  return { text: sql, rewritten: false, kind, paramCount, ast };
}

function parse(sql: string): ParseResult {
  try {
    return parseSync(sql);
  } catch (error) {
    if (hasSqlDetails(error)) {
      // cursorPosition is 0-based in characters; libpg-query also reports 0 when there is none.
      const cursor = error.sqlDetails?.cursorPosition;
      throw new StatementSyntaxError(
        error.message,
        typeof cursor === 'number' && cursor >= 0 ? cursor + 1 : undefined,
      );
    }
    throw error;
  }
}

/**
 * On plain PostgreSQL `deeplake_index` is an access method on the hash index handler, which takes
 * no ASC/DESC or NULLS ordering and no reloptions (Deeplake's `index_type`). Dropping them keeps
 * Deeplake's CREATE INDEX statements working; everything else in the statement is kept.
 */
function rewriteDeeplakeIndex(ast: Node, paramCount: number): CheckedStatement {
  const index = structuredClone(unwrap(ast)[1]);
  for (const param of Array.isArray(index.indexParams) ? index.indexParams : []) {
    const [, element] = unwrap(param);
    element.ordering = 'SORTBY_DEFAULT';
    element.nulls_ordering = 'SORTBY_NULLS_DEFAULT';
  }
  delete index.options;
  const rewritten = { IndexStmt: index } as AstObject as Node;
  const text = deparseSync(rewritten, { pretty: false });
  // The deparser has lossy corners: run only what parses back to the statement intended.
  let reparsed: RawStmt[] = [];
  try {
    reparsed = parseSync(text).stmts ?? [];
  } catch {
    // refused below, rather than reported as a syntax error in text the user never wrote
  }
  if (reparsed.length !== 1 || !sameTree(reparsed[0]!.stmt, rewritten)) {
    throw new StatementRefused(
      'This CREATE INDEX … USING deeplake_index could not be adapted to PostgreSQL: ' +
        'index plain columns or simpler expressions',
      undefined,
      '0A000',
    );
  }
  // Same tree as the checked statement but for ordering and options: the policy holds for it.
  return { text, rewritten: true, kind: 'IndexStmt', paramCount, ast: reparsed[0]!.stmt! };
}
