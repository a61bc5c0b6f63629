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

/**
 * Statements of different shapes run in order in one transaction, all or none (bundled server
 * only: `POST …/tables/query/transaction`). A failing statement's error names it with
 * `batch_index` (its index in `statements`) and a message starting `statements[i]: `.
 */
export interface TransactionRequest {
  statements: { query: string; params?: unknown[] }[];
}

export interface TransactionResult {
  row_count: number;
  /** Rows each statement touched, in order. */
  results: { row_count: number }[];
  duration_ms?: number;
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
  /** Columns of the primary key, in key order; empty when the table has none (bundled server). */
  primary_key?: string[];
  /** The table's indexes (bundled server); a client must do without (the hosted API omits it). */
  indexes?: TableIndex[];
}

/**
 * What an index serves: `vector` (a `deeplake_index` on a `float4[]` column), `text` (a
 * `deeplake_index` on a text column: BM25), `exact` (a `deeplake_index` on anything else: equality),
 * `btree`, or the access method's own name (`hash`, `gin` …).
 */
export const indexKindSchema = z.union([
  z.enum(['vector', 'text', 'exact', 'btree']),
  z.string().min(1),
]);

export const tableIndexSchema = z.object({
  name: z.string(),
  /** The indexed columns in order; an expression has no column and is left out. */
  columns: z.array(z.string()),
  kind: indexKindSchema,
  unique: z.boolean(),
  /** `pg_get_indexdef`: the statement that makes the same index. */
  definition: z.string(),
});
export type TableIndex = z.infer<typeof tableIndexSchema>;

/** One bar of a histogram: values from `from` up to `to` (the last bar includes `to`). */
export const histogramBucketSchema = z.object({
  from: z.string(),
  to: z.string(),
  count: z.number().int().nonnegative(),
});

/** `float4[]` columns: the vectors' shape and size. */
export const vectorProfileSchema = z.object({
  /** The most common number of dimensions, null when every value is NULL. */
  dimensions: z.number().int().nullable(),
  /** Non-NULL vectors with another number of dimensions. */
  other_dimensions: z.number().int().nonnegative(),
  /** Vectors whose every element is 0 (or with none): no direction, so no similarity. */
  zero_vectors: z.number().int().nonnegative(),
  /**
   * Vectors the norms were measured on: every one up to 10,000, a TABLESAMPLE of about as many
   * above (a norm reads every element, so it costs far more than the counts).
   */
  norm_rows: z.number().int().nonnegative(),
  norm_min: z.number().nullable(),
  norm_max: z.number().nullable(),
  norm_mean: z.number().nullable(),
});

/**
 * `GET /workspaces/{ws}/tables/{table}/columns/{column}/profile`. When `sampled`, every count is
 * an estimate for the whole table: the sample's, scaled up (`rows` from the table's statistics).
 */
export const columnProfileSchema = z.object({
  table: z.string(),
  column: z.string(),
  type: z.string(),
  rows: z.number().int().nonnegative(),
  /**
   * True when a TABLESAMPLE of a big table was profiled rather than every row: above 200,000 rows
   * (50,000 for `float4[]`, whose rows are wide), about that many.
   */
  sampled: z.boolean(),
  /** Rows profiled: all of them, or the sample's. */
  sample_rows: z.number().int().nonnegative(),
  nulls: z.number().int().nonnegative(),
  /** Distinct non-NULL values, estimated when sampled; null for types without equality. */
  distinct: z.number().int().nonnegative().nullable(),
  /** As text, for types that order; null otherwise or with no values. */
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** The most common values (text, cut at 200 characters), at most 10. */
  top_values: z.array(z.object({ value: z.string(), count: z.number().int() })),
  /** Up to 20 equal-width bars, for numbers and dates/times; empty otherwise. */
  histogram: z.array(histogramBucketSchema),
  vector: vectorProfileSchema.nullable(),
  duration_ms: z.number(),
});
export type ColumnProfile = z.infer<typeof columnProfileSchema>;
