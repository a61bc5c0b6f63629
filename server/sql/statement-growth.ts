import type { Node } from 'libpg-query';
import { isObject, unwrap, walk } from './guard-ast';
import type { RunOptions } from './sandbox';

/**
 * Whether a statement may add to its workspace, and so how the sandbox keeps the workspace's
 * size limit on it (RunOptions.grows). What reads or makes room is never held back, so a full
 * workspace can always be looked at and emptied: SELECT, SHOW, EXPLAIN without ANALYZE, DELETE,
 * TRUNCATE, DROP and VACUUM — unless a data change hides inside (a WITH … INSERT, SELECT INTO).
 * Anything else counts as growing, so a kind this list does not know is measured.
 */

const READS_OR_FREES = new Set([
  'SelectStmt',
  'VariableShowStmt',
  'DeleteStmt',
  'TruncateStmt',
  'DropStmt',
  'VacuumStmt',
  'ExplainStmt',
]);

/** Nodes that add rows or relations wherever they sit in the tree. */
const ADDS = new Set(['InsertStmt', 'UpdateStmt', 'MergeStmt', 'intoClause', 'CreateTableAsStmt']);

function explainRuns(body: Record<string, unknown>) {
  const options = Array.isArray(body.options) ? body.options : [];
  return options.some((option) => {
    const element = isObject(option) && isObject(option.DefElem) ? option.DefElem : undefined;
    if (element?.defname !== 'analyze') return false;
    // `ANALYZE false` is spelled out as a boolean or string argument.
    const arg = JSON.stringify(element.arg ?? '').toLowerCase();
    return !/false|"off"|"0"/.test(arg);
  });
}

export function statementGrowth(ast: Node): RunOptions['grows'] {
  const [kind, body] = unwrap(ast);
  if (kind === 'ExplainStmt' && !explainRuns(body)) return undefined;
  if (READS_OR_FREES.has(kind)) {
    let adds = false;
    walk(ast, (key) => {
      if (ADDS.has(key)) adds = true;
    });
    if (!adds) return undefined;
  }
  // These cannot run inside the transaction the sandbox would wrap them in.
  const concurrently =
    (kind === 'IndexStmt' && body.concurrent === true) ||
    (kind === 'ReindexStmt' &&
      Array.isArray(body.params) &&
      body.params.some(
        (p) => isObject(p) && isObject(p.DefElem) && p.DefElem.defname === 'concurrently',
      ));
  return concurrently ? 'watched' : 'atomic';
}
