import { identifierProblem } from '../../contract/identifier';
import { quoteIdent } from '../db/index';

/**
 * `POST /workspaces/{ws}/tables` with JSON `{table_name, table_schema: {column: type}}`, as
 * Deeplake's ingestion reference and its clients create an empty table. Types are names as
 * Deeplake writes them (TEXT, INT8, FLOAT4[], JSONB, EMBEDDING, IMAGE …): each is checked
 * against the types a table column may have here — never pasted into SQL unchecked — and the
 * column names are quoted, so the statement is exactly a CREATE TABLE.
 */

/** PostgreSQL's own names, and the pg_deeplake domains (workspace migration 002), in lower case. */
const TYPES = new Set([
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'smallint',
  'integer',
  'int',
  'bigint',
  'int2',
  'int4',
  'int8',
  'real',
  'double precision',
  'float4',
  'float8',
  'numeric',
  'decimal',
  'boolean',
  'bool',
  'bytea',
  'json',
  'jsonb',
  'uuid',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'timestamp with time zone',
  'timestamp without time zone',
  'interval',
  'serial',
  'bigserial',
  'image',
  'embedding',
  'segment_mask',
  'binary_mask',
  'bounding_box',
  'class_label',
  'deeplake_polygon',
  'deeplake_point',
  'mesh',
  'medical',
]);

/** A type name, optional `(n)` or `(p, s)`, then any number of `[]` or `[n]`. */
const TYPE_SYNTAX =
  /^([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*)*)\s*(\(\s*\d{1,4}\s*(?:,\s*\d{1,4}\s*)?\))?((?:\s*\[\d{0,9}\])*)$/;

const MAX_COLUMNS = 1600;
const MAX_NAME_BYTES = 63;

export class TableSchemaError extends Error {}

/** The column type as SQL, or why it is not one. */
function columnType(column: string, type: unknown): string {
  if (typeof type !== 'string' || type.trim() === '') {
    throw new TableSchemaError(`table_schema.${column}: the type must be a type name, like TEXT`);
  }
  const written = type.trim().replace(/\s+/g, ' ').toLowerCase();
  const match = TYPE_SYNTAX.exec(written);
  if (!match || !TYPES.has(match[1]!)) {
    throw new TableSchemaError(
      `table_schema.${column}: "${type}" is not a column type here (use e.g. TEXT, INT8, FLOAT4[], JSONB, BOOLEAN, TIMESTAMPTZ, EMBEDDING, IMAGE)`,
    );
  }
  const [, name, modifier = '', arrays = ''] = match;
  const serial = name === 'serial' || name === 'bigserial';
  if (serial && (modifier || arrays)) {
    throw new TableSchemaError(`table_schema.${column}: ${name.toUpperCase()} takes no size or []`);
  }
  return `${name}${modifier.replace(/\s+/g, '')}${arrays.replace(/\s+/g, '')}`;
}

/** The CREATE TABLE statement for a JSON table creation, or a TableSchemaError saying what is wrong. */
export function createTableStatement(
  workspace: string,
  body: unknown,
): { table: string; sql: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TableSchemaError(
      'Send JSON {"table_name": …, "table_schema": {"column": "TYPE", …}}',
    );
  }
  const { table_name: name, table_schema: schema } = body as Record<string, unknown>;
  const table = typeof name === 'string' ? name.trim() : '';
  const problem = table === '' ? 'is required' : identifierProblem(table);
  if (problem) throw new TableSchemaError(`table_name "${table}" ${problem}`);
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new TableSchemaError('table_schema: must be an object of column names to types');
  }
  const columns = Object.entries(schema);
  if (columns.length === 0) throw new TableSchemaError('table_schema: name at least one column');
  if (columns.length > MAX_COLUMNS) {
    throw new TableSchemaError(`table_schema: at most ${MAX_COLUMNS} columns`);
  }
  const seen = new Set<string>();
  const definitions = columns.map(([column, type]) => {
    if (column.trim() === '' || Buffer.byteLength(column) > MAX_NAME_BYTES) {
      throw new TableSchemaError(
        `table_schema: column name "${column}" must be 1 to ${MAX_NAME_BYTES} bytes`,
      );
    }
    if (seen.has(column)) throw new TableSchemaError(`table_schema: "${column}" is named twice`);
    seen.add(column);
    return `${quoteIdent(column)} ${columnType(column, type)}`;
  });
  return {
    table,
    sql: `CREATE TABLE ${quoteIdent(workspace)}.${quoteIdent(table)} (${definitions.join(', ')}) USING deeplake`,
  };
}
