import { z } from 'zod';

/** A JSON value as sent in `params`: bound to $1, $2 … as real bind parameters. */
export type SqlParam = unknown;

export const queryRequestSchema = z.object({
  query: z.string().min(1, 'the SQL statement is empty'),
  params: z.array(z.unknown()).optional(),
});
export type QueryRequest = z.infer<typeof queryRequestSchema>;

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  /** Rows returned by a SELECT; rows touched by INSERT, UPDATE, DELETE and MERGE. */
  row_count: number;
  // Extras of the bundled server: a client must not need them (the hosted API may omit them).
  /** pg_type names of the columns, e.g. `int4`, `_float4`, `jsonb`. */
  types?: string[];
  /** The command tag without counts: `SELECT`, `INSERT`, `CREATE TABLE`. */
  command?: string;
  duration_ms?: number;
  /** True when the rows stop at the server's row or byte cap. */
  truncated?: boolean;
  /**
   * True when the statement's changes were committed before the answer was sent, so every later
   * read sees them. The hosted service does not say; its tables may show new rows a few seconds
   * after a write.
   */
  committed?: boolean;
}

export interface BatchRequest {
  query: string;
  params_batch: unknown[][];
}

export interface BatchResult {
  row_count: number;
  results: { row_count: number }[];
  command?: string;
  duration_ms?: number;
  /** As QueryResult's. */
  committed?: boolean;
}

export interface TableSummary {
  table_name: string;
  /** Exact for small tables; an estimate from statistics for big ones. */
  row_count: number;
  size_mb: number;
}
export interface TableList {
  tables: TableSummary[];
}

export interface TableColumn {
  name: string;
  /** pg_type's name: `int4`, `text`, `_float4`, `jsonb`. */
  type: string;
  nullable: boolean;
  default: string | null;
}

export interface TableDetails extends TableSummary {
  columns: TableColumn[];
}
