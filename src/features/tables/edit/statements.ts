import type { TableColumn } from '../../../../contract/tables';
import { qualifiedTable, quoteIdent } from '../lib/sql';
import type { StagedChange } from './edit-store';

/**
 * The SQL that saves staged changes: one parameterised statement per changed row, addressed
 * by its primary key. Identifiers are quoted and every value is a `$n` parameter; PostgreSQL
 * infers each parameter's type from the column it is set to or compared with.
 */

export interface EditStatement {
  query: string;
  params: unknown[];
  /** The staged change it saves, to mark when the server names it as failing. */
  change: StagedChange;
  /** Rows it is meant to touch: one (the row of that primary key, or the new one). */
  expectedRows: number;
}

export interface EditTarget {
  schema: string;
  table: string;
  columns: readonly TableColumn[];
  primaryKey: readonly string[];
}

/**
 * A value as the query endpoint takes it for a column of `type`. JSON columns get JSON text:
 * the endpoint reads a string parameter for json/jsonb as JSON text, so a JSON string value
 * (or any value) is sent as its JSON.
 */
export function paramValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'json' || type === 'jsonb') return JSON.stringify(value);
  return value;
}

function typeOf(target: EditTarget, column: string) {
  return target.columns.find((c) => c.name === column)?.type ?? 'text';
}

/** Columns in the table's order, so statements read the way the table does. */
function inTableOrder(target: EditTarget, names: Iterable<string>) {
  const wanted = new Set(names);
  return target.columns.map((c) => c.name).filter((name) => wanted.has(name));
}

function whereKey(target: EditTarget, first: number) {
  return target.primaryKey
    .map((column, i) => `${quoteIdent(column)} = $${first + i}`)
    .join(' AND ');
}

function keyParams(target: EditTarget, key: readonly unknown[]) {
  return target.primaryKey.map((column, i) => paramValue(key[i], typeOf(target, column)));
}

/**
 * Deletions first, then updates, then new rows: a row deleted and added again with the same
 * key, or a key changed to one a deleted row had, then saves as meant.
 */
export function buildStatements(
  target: EditTarget,
  changes: readonly StagedChange[],
): EditStatement[] {
  if (target.primaryKey.length === 0) return [];
  const name = qualifiedTable(target.schema, target.table);
  const order = { delete: 0, update: 1, insert: 2 } as const;
  return [...changes]
    .sort((a, b) => order[a.kind] - order[b.kind])
    .map((change): EditStatement => {
      if (change.kind === 'delete') {
        return {
          query: `DELETE FROM ${name} WHERE ${whereKey(target, 1)}`,
          params: keyParams(target, change.key),
          change,
          expectedRows: 1,
        };
      }
      if (change.kind === 'update') {
        const columns = inTableOrder(target, Object.keys(change.values));
        const set = columns.map((column, i) => `${quoteIdent(column)} = $${i + 1}`).join(', ');
        return {
          query: `UPDATE ${name} SET ${set} WHERE ${whereKey(target, columns.length + 1)}`,
          params: [
            ...columns.map((column) => paramValue(change.values[column], typeOf(target, column))),
            ...keyParams(target, change.key),
          ],
          change,
          expectedRows: 1,
        };
      }
      const columns = inTableOrder(target, Object.keys(change.values));
      return {
        query:
          columns.length === 0
            ? `INSERT INTO ${name} DEFAULT VALUES`
            : `INSERT INTO ${name} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns
                .map((_, i) => `$${i + 1}`)
                .join(', ')})`,
        params: columns.map((column) => paramValue(change.values[column], typeOf(target, column))),
        change,
        expectedRows: 1,
      };
    });
}
