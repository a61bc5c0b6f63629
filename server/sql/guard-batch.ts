import { parseSync, type Node, type TypeName } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import { asNode, isObject, names, sameTree, unwrap, walk, type AstObject } from './guard-ast';

const BATCH = '__batch';
const ORDINAL = '__ord';

const string = (sval: string) => ({ String: { sval } });
const columnRef = (...fields: string[]) => ({ ColumnRef: { fields: fields.map(string) } });

/**
 * Rewrites a one-row `INSERT … VALUES (…$k…)` so that one statement inserts every row of a batch:
 * each `$k` becomes an array of the batch's k-th values, unnested in order.
 *
 *   INSERT INTO t (a, b) VALUES ($1, $2::jsonb)
 *   → INSERT INTO t (a, b) SELECT __batch.p1, __batch.p2::jsonb
 *     FROM unnest(CAST($1 AS text[]), CAST($2 AS jsonb[])) WITH ORDINALITY AS __batch(p1, p2, __ord)
 *     ORDER BY __batch.__ord
 *
 * `paramTypes[k-1]` is the type of `$k` as format_type() prints it (what PostgreSQL inferred for
 * the original statement). Expressions without parameters (`now()`, `nextval(…)`) stay as they
 * are and are evaluated per row, as they would be running the original once per row.
 *
 * Returns null when the statement is not of that shape, or a rewrite would not mean the same:
 * a WITH clause, ON CONFLICT or RETURNING (they would see one statement, not N), more or fewer
 * than one VALUES row, DEFAULT in the row (not allowed in a SELECT list), no parameters, or a
 * parameter whose type is missing, `unknown` or an array (unnest would flatten it), or when the
 * deparser's text does not parse back to the statement built. A caller then runs the original
 * once per row. One difference remains: an aggregate, window or set-returning function in the
 * row, which VALUES rejects, is accepted in the SELECT list; the original fails on every row.
 */
export function insertValuesAsSet(
  stmt: Node | { ast: Node },
  paramTypes: readonly string[],
): string | null {
  try {
    return rewrite('ast' in stmt ? stmt.ast : stmt, paramTypes);
  } catch (error) {
    // Absurdly deep expressions: run the original once per row instead.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function rewrite(stmt: Node, paramTypes: readonly string[]): string | null {
  const single = singleRowInsert(stmt);
  if (!single) return null;
  const { insert, items } = single;

  let paramCount = 0;
  let paramsInRow = 0;
  let hasDefault = false;
  walk(items, (key, node) => {
    if (key === 'SetToDefault') hasDefault = true;
    if (key === 'ParamRef' && typeof node.number === 'number') {
      paramCount = Math.max(paramCount, node.number);
      paramsInRow++;
    }
  });
  if (hasDefault || paramCount === 0 || paramTypes.length < paramCount) return null;
  // A parameter outside the row (`INSERT INTO t (a[$1]) …`) would be left meaning the array.
  let paramsInStatement = 0;
  walk(insert, (key) => {
    if (key === 'ParamRef') paramsInStatement++;
  });
  if (paramsInStatement !== paramsInRow) return null;

  const arrayTypes: TypeName[] = [];
  for (const type of paramTypes) {
    const arrayType = arrayTypeOf(type);
    if (!arrayType) return null;
    arrayTypes.push(arrayType);
  }

  const columns = arrayTypes.map((_, i) => `p${i + 1}`);
  const unnest = {
    FuncCall: {
      funcname: [string('unnest')],
      args: arrayTypes.map((typeName, i) => ({
        TypeCast: { arg: { ParamRef: { number: i + 1 } }, typeName },
      })),
      funcformat: 'COERCE_EXPLICIT_CALL',
    },
  };
  const selectAll: AstObject = {
    targetList: items.map((item) => ({ ResTarget: { val: replaceParams(item) } })),
    fromClause: [
      {
        RangeFunction: {
          ordinality: true,
          // The empty node stands for "no column definition list", as the parser writes it.
          functions: [{ List: { items: [unnest, {}] } }],
          alias: { aliasname: BATCH, colnames: [...columns, ORDINAL].map(string) },
        },
      },
    ],
    sortClause: [
      {
        SortBy: {
          node: columnRef(BATCH, ORDINAL),
          sortby_dir: 'SORTBY_DEFAULT',
          sortby_nulls: 'SORTBY_NULLS_DEFAULT',
        },
      },
    ],
    limitOption: 'LIMIT_OPTION_DEFAULT',
    op: 'SETOP_NONE',
  };
  const batched = asNode('InsertStmt', {
    ...structuredClone(insert),
    selectStmt: asNode('SelectStmt', selectAll),
  });
  const text = deparseSync(batched, { pretty: false });

  // Run only what parses back to the statement that was built; else the caller runs per row.
  const reparsed = parseSync(text).stmts ?? [];
  return reparsed.length === 1 && sameTree(reparsed[0]!.stmt, batched) ? text : null;
}

function replaceParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(replaceParams);
  if (!isObject(value)) return value;
  const param = value.ParamRef;
  if (isObject(param) && Object.keys(value).length === 1) {
    return columnRef(BATCH, `p${String(param.number)}`);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, replaceParams(child)]),
  );
}

/**
 * `text` → the TypeName of `text[]`. The name goes through the parser and comes back out of the
 * deparser, so whatever a caller passes cannot reach the statement as raw SQL.
 */
function arrayTypeOf(type: string): TypeName | null {
  const trimmed = type.trim();
  if (trimmed === '' || trimmed.endsWith(']') || /^"?unknown"?$/i.test(trimmed)) return null;
  let stmts;
  try {
    stmts = parseSync(`SELECT NULL::${trimmed}`).stmts ?? [];
  } catch {
    return null;
  }
  if (stmts.length !== 1) return null;
  const [kind, select] = unwrap(stmts[0]!.stmt);
  if (kind !== 'SelectStmt') return null;
  if (Object.keys(select).some((key) => !['targetList', 'limitOption', 'op'].includes(key))) {
    return null;
  }
  const targets = select.targetList;
  if (!Array.isArray(targets) || targets.length !== 1) return null;
  const [, target] = unwrap(targets[0]);
  if (target.name !== undefined || target.indirection !== undefined) return null;
  const [valueKind, cast] = unwrap(target.val);
  if (valueKind !== 'TypeCast' || !isObject(cast.arg) || !isObject(cast.typeName)) return null;
  const [argKind, arg] = unwrap(cast.arg);
  if (argKind !== 'A_Const' || arg.isnull !== true) return null;
  const typeName = cast.typeName as TypeName;
  if (names(typeName.names).at(-1) === 'unknown') return null;
  if (typeName.setof || typeName.pct_type || (typeName.arrayBounds?.length ?? 0) > 0) return null;
  const { location: _location, ...rest } = typeName;
  return { ...rest, arrayBounds: [{ Integer: { ival: -1 } }] };
}

/**
 * The INSERT and its one VALUES row, when the statement is a plain `INSERT … VALUES (…)`: no WITH,
 * ON CONFLICT or RETURNING (they would see one statement, not one per row), one row, nothing on
 * the VALUES list (ORDER BY, LIMIT).
 */
function singleRowInsert(stmt: Node): { insert: AstObject; items: unknown[] } | null {
  const [kind, insert] = unwrap(stmt);
  if (kind !== 'InsertStmt') return null;
  if (insert.withClause || insert.onConflictClause || insert.returningClause) return null;
  if (insert.returningList) return null;
  if (!isObject(insert.selectStmt)) return null; // DEFAULT VALUES
  const [selectKind, select] = unwrap(insert.selectStmt);
  if (selectKind !== 'SelectStmt') return null;
  for (const [key, value] of Object.entries(select)) {
    if (key === 'valuesLists') continue;
    if (key === 'op' && value === 'SETOP_NONE') continue;
    if (key === 'limitOption' && value === 'LIMIT_OPTION_DEFAULT') continue;
    return null;
  }
  const rows = select.valuesLists;
  if (!Array.isArray(rows) || rows.length !== 1) return null;
  const [rowKind, row] = unwrap(rows[0]);
  const items = row.items;
  if (rowKind !== 'List' || !Array.isArray(items) || items.length === 0) return null;
  return { insert, items };
}

/** An INSERT whose batch can be loaded with COPY: the target and which `$k` feeds each column. */
export interface CopyPlan {
  schema: string | null;
  table: string;
  /** The INSERT's column list, or null for "the table's columns in order". */
  columns: string[] | null;
  /** `params[i]` is the number k of the `$k` that fills the i-th column. */
  params: number[];
}

/**
 * `INSERT INTO t (a, b) VALUES ($1, $2::jsonb)` over a batch is `COPY t (a, b) FROM STDIN` of the
 * parameter rows, when every value is a parameter (a cast at most) used once. The caller checks
 * at run time that each parameter's type is its column's, so COPY reads the text as INSERT would.
 */
export function insertValuesAsCopy(stmt: Node | { ast: Node }): CopyPlan | null {
  const single = singleRowInsert('ast' in stmt ? stmt.ast : stmt);
  if (!single) return null;
  const { insert, items } = single;
  // OVERRIDING SYSTEM/USER VALUE has no COPY form.
  if (insert.override !== undefined && insert.override !== 'OVERRIDING_NOT_SET') return null;
  if (!isObject(insert.relation)) return null;

  const params: number[] = [];
  for (const item of items) {
    let [itemKind, body] = unwrap(item);
    if (itemKind === 'TypeCast') [itemKind, body] = unwrap(body.arg);
    if (itemKind !== 'ParamRef' || typeof body.number !== 'number') return null;
    if (params.includes(body.number)) return null;
    params.push(body.number);
  }
  let columns: string[] | null = null;
  if (Array.isArray(insert.cols)) {
    columns = [];
    for (const target of insert.cols) {
      const [targetKind, res] = unwrap(target);
      // `(a[1], b.c)` assigns into part of a column: not a COPY column.
      if (targetKind !== 'ResTarget' || typeof res.name !== 'string' || res.indirection) {
        return null;
      }
      columns.push(res.name);
    }
    if (columns.length !== params.length) return null;
  }
  const relation = insert.relation as AstObject;
  if (typeof relation.relname !== 'string' || relation.catalogname) return null;
  return {
    schema: typeof relation.schemaname === 'string' ? relation.schemaname : null,
    table: relation.relname,
    columns,
    params,
  };
}
