import type { Node } from 'libpg-query';
import { isObject, location, names, unwrap, walk, type SourceText } from './guard-ast';
import { StatementRefused } from './guard-errors';
import { deniedFunction, ONE_ARGUMENT_DENIED } from './guard-functions';
import { refuseKind, SETTINGS_RESET } from './guard-statements';

/**
 * The statement guard's policy on one parsed statement: its kind must be one a workspace may run
 * (./guard-statements), and nothing in it may call a denied function (./guard-functions), in
 * any notation, or change server settings through pg_settings. It also counts the statement's
 * parameters.
 */

/** Where an expression starts: the smallest location in it (operators sit after operands). */
function firstLocation(tree: unknown): number | undefined {
  let first: number | undefined;
  walk(tree, (_key, node) => {
    const here = location(node);
    if (here !== undefined && (first === undefined || here < first)) first = here;
  });
  return first;
}

const DML = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/**
 * Enforces the policy on one parsed statement (`start`: its byte offset in the text) and returns
 * the highest parameter number it uses. Throws StatementRefused.
 */
export function enforcePolicy(stmt: Node, start: number, source: SourceText): number {
  const [kind, body] = unwrap(stmt);
  const refusal = refuseKind(kind, body, source.text);
  if (refusal) {
    const message = `${refusal.what} is not allowed in a workspace`;
    throw new StatementRefused(
      refusal.why ? `${message}: ${refusal.why}` : message,
      source.positionOfByte(refusal.at ?? start),
    );
  }

  let paramCount = 0;
  const refuse = (message: string, at: number | undefined) => {
    throw new StatementRefused(message, source.positionOfByte(at ?? start));
  };
  const refuseCall = (name: string, argCount: number | undefined, at: number | undefined) => {
    const why = deniedFunction(name, argCount);
    if (why === null) return;
    const message = `${name.toLowerCase()}() is not allowed in a workspace`;
    refuse(why ? `${message}: ${why}` : message, at);
  };

  walk(stmt, (key, node, near) => {
    if (key === 'ParamRef') {
      if (typeof node.number === 'number' && node.number > paramCount) paramCount = node.number;
    } else if (key === 'FuncCall') {
      const qualified = names(node.funcname);
      const args = Array.isArray(node.args) ? node.args.length : 0;
      refuseCall(qualified[qualified.length - 1] ?? '', args, location(node) ?? near);
    } else if (key === 'ColumnRef') {
      // `alias.f` calls f(alias) when the row has no column f: `k.pg_advisory_lock` on
      // `unnest(ARRAY[…]) k` takes the lock. Only one-argument functions can be called so,
      // and a column may well be named `lo_price`: the exact names are refused there.
      const fields = names(node.fields);
      const last = (fields[fields.length - 1] ?? '').toLowerCase();
      if (fields.length > 1 && ONE_ARGUMENT_DENIED.has(last)) {
        refuseCall(last, 1, location(node) ?? near);
      }
    } else if (key === 'A_Indirection') {
      // `(expr).f` calls f(expr) when expr has no field f: `('/etc/passwd'::text).pg_read_file`.
      for (const field of names(node.indirection)) {
        if (field !== '') refuseCall(field, 1, firstLocation(node.arg) ?? near);
      }
    } else if (DML.has(key)) {
      // pg_settings has rules that turn an UPDATE into set_config().
      const relation = isObject(node.relation) ? node.relation : undefined;
      if (relation?.relname === 'pg_settings') {
        refuse(
          `Changing pg_settings is not allowed in a workspace: ${SETTINGS_RESET}`,
          location(relation),
        );
      }
    } else if (key === 'RangeVar' && kind === 'ViewStmt' && node.relname === 'pg_settings') {
      // An updatable view over pg_settings would reach set_config() through its rules.
      refuse('A view over pg_settings is not allowed in a workspace', location(node) ?? near);
    }
  });
  return paramCount;
}
