import type { GridSort } from '../../../components/data-grid';
import { castableType, qualifiedTable, quoteIdent } from './sql';

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'contains',
  'null',
  'notnull',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const FILTER_LABELS: Record<FilterOperator, string> = {
  eq: 'equals',
  ne: 'is not',
  lt: 'less than',
  le: 'at most',
  gt: 'greater than',
  ge: 'at least',
  contains: 'contains',
  null: 'is null',
  notnull: 'is not null',
};

/** Operators that compare with a value (the others test for NULL). */
export function takesValue(op: FilterOperator): boolean {
  return op !== 'null' && op !== 'notnull';
}

export function isFilterOperator(value: string): value is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(value);
}

export interface ColumnFilter {
  column: string;
  op: FilterOperator;
  /** As typed; ignored by `null` and `notnull`. */
  value: string;
}

/** `title contains “deep”`, `deleted_at is null`: a filter in words. */
export function describeFilter(filter: ColumnFilter): string {
  const label = FILTER_LABELS[filter.op];
  return takesValue(filter.op)
    ? `${filter.column} ${label} “${filter.value}”`
    : `${filter.column} ${label}`;
}

export interface QueryColumn {
  name: string;
  /** pg_type name from the table's details. */
  type: string;
}

export interface TableQueryInput {
  /** The workspace id: its schema holds the table. */
  schema: string;
  table: string;
  columns: readonly QueryColumn[];
  filters: readonly ColumnFilter[];
  sort: GridSort | null;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** A filter or sort the query left out, and why (shown to the person, never silently). */
export interface IgnoredPart {
  kind: 'filter' | 'sort';
  column: string;
  reason: string;
}

export interface TableQuery {
  sql: string;
  params: unknown[];
  ignored: IgnoredPart[];
}

const COMPARISON: Record<Exclude<FilterOperator, 'contains' | 'null' | 'notnull'>, string> = {
  eq: '=',
  // "is not x" keeps the rows where the column is NULL, as a person reading it expects.
  ne: 'IS DISTINCT FROM',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** `%`, `_` and `\` match themselves in an ILIKE … ESCAPE '\' pattern. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** json has no equality or ordering operators; jsonb has both. */
function comparable(column: QueryColumn): { sql: string; type: string } {
  const sql = quoteIdent(column.name);
  if (column.type === 'json') return { sql: `${sql}::jsonb`, type: 'jsonb' };
  return { sql, type: column.type };
}

/**
 * The parameter for a comparison. Array columns take `[1, 2]` as typed JSON (sent as a JSON
 * array, which the API binds as an array) or PostgreSQL's own `{1,2}`; everything else is the
 * text as typed, which PostgreSQL parses as the column's type.
 */
function comparisonValue(value: string, type: string): unknown {
  if (type.startsWith('_') && value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: sent as typed, and PostgreSQL explains what is wrong with it.
    }
  }
  return value;
}

/**
 * One page of a table as SQL with `$n` parameters: the filters (ANDed), the sort, and
 * `LIMIT pageSize + 1` so that a full page says there is a next one without counting rows.
 * Filters and sorts on columns the table does not have are left out and reported.
 */
export function buildTableQuery(input: TableQueryInput): TableQuery {
  const { columns, filters, sort } = input;
  const byName = new Map(columns.map((column) => [column.name, column]));
  const params: unknown[] = [];
  const ignored: IgnoredPart[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const conditions: string[] = [];
  for (const filter of filters) {
    const column = byName.get(filter.column);
    if (!column) {
      ignored.push({ kind: 'filter', column: filter.column, reason: 'no such column' });
      continue;
    }
    const name = quoteIdent(column.name);
    switch (filter.op) {
      case 'null':
        conditions.push(`${name} IS NULL`);
        break;
      case 'notnull':
        conditions.push(`${name} IS NOT NULL`);
        break;
      case 'contains':
        conditions.push(
          `${name}::text ILIKE ${param(`%${escapeLikePattern(filter.value)}%`)} ESCAPE '\\'`,
        );
        break;
      default: {
        const target = comparable(column);
        const cast = castableType(target.type);
        const placeholder = param(comparisonValue(filter.value, target.type));
        conditions.push(
          `${target.sql} ${COMPARISON[filter.op]} ${placeholder}${cast ? `::${cast}` : ''}`,
        );
      }
    }
  }

  let orderBy = '';
  if (sort) {
    const column = byName.get(sort.column);
    if (column) {
      orderBy = `ORDER BY ${comparable(column).sql} ${sort.direction === 'desc' ? 'DESC' : 'ASC'}`;
    } else {
      ignored.push({ kind: 'sort', column: sort.column, reason: 'no such column' });
    }
  }

  const list = columns.length > 0 ? columns.map((c) => quoteIdent(c.name)).join(', ') : '*';
  const offset = (Math.max(1, input.page) - 1) * input.pageSize;
  const lines = [`SELECT ${list}`, `FROM ${qualifiedTable(input.schema, input.table)}`];
  conditions.forEach((condition, i) => lines.push(`${i === 0 ? 'WHERE' : '  AND'} ${condition}`));
  if (orderBy) lines.push(orderBy);
  lines.push(`LIMIT ${param(input.pageSize + 1)} OFFSET ${param(offset)}`);
  return { sql: lines.join('\n'), params, ignored };
}
