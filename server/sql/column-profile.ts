import type { ColumnProfile } from '../../contract/tables';
import { quoteIdent } from '../db/index';
import type { SqlSession } from '../db/workspace-sessions';

/**
 * A column's profile: counts, distinct values, range, common values, a histogram, and for
 * `float4[]` the vectors' dimensions and norms. A big table is profiled on a TABLESAMPLE SYSTEM
 * sample (whole pages, so it reads only the pages it keeps) with a fixed seed, so profiling twice
 * answers the same and every statement of one profile sees the same rows. Everything runs in one
 * read-only REPEATABLE READ transaction of the caller's session.
 */

export interface ProfileOptions {
  /** Tables with more rows than this are sampled, down to about this many rows. */
  sampleAbove?: number;
  /** Vector norms are measured on about this many rows at most. */
  normRows?: number;
}

export const PROFILE_SAMPLE_ABOVE = 200_000;
/** A norm reads every element (tens of µs per 64-dimension vector): far fewer rows than counts. */
export const NORM_ROWS = 10_000;
/** A vector row is hundreds of bytes: vectors are sampled on a quarter as many rows as others. */
const VECTOR_SAMPLE_SHARE = 4;
const TOP_VALUES = 10;
const BUCKETS = 20;
/** Longest text a value is shown with: a profile answer stays small whatever the values. */
const VALUE_CHARS = 200;
/** Below this heap size a table is counted exactly (as repository.ts counts tables). */
const EXACT_COUNT_BYTES = 16 * 1024 * 1024;

/** Types whose values are numbers to a histogram; dates and times go by their epoch. */
const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

export interface ProfiledColumn {
  tableOid: number;
  type: string;
  /** The type under a domain (`embedding` → `_float4`). */
  baseType: string;
  /** `min`/`max` take it. */
  orders: boolean;
  /** It has a default equality operator class, so GROUP BY and DISTINCT work. */
  groups: boolean;
}

/** The column as the workspace's catalog has it, or which part of the path is missing. */
export async function findColumn(
  session: SqlSession,
  schema: string,
  table: string,
  column: string,
): Promise<ProfiledColumn | 'no table' | 'no column'> {
  const [row] = await session.query<{
    oid: string;
    type: string | null;
    base_type: string | null;
    orders: boolean | null;
    groups: boolean | null;
  }>(
    `SELECT c.oid::int8 AS oid, t.typname AS type, b.typname AS base_type,
            -- String types (varchar, name) order and group as text.
            b.typcategory = 'S' OR EXISTS (SELECT 1 FROM pg_catalog.pg_aggregate g
                      JOIN pg_catalog.pg_proc p ON p.oid = g.aggfnoid
                     WHERE p.proname = 'min' AND p.pronamespace = 'pg_catalog'::regnamespace
                       AND p.proargtypes[0] = b.oid) AS orders,
            b.typcategory = 'S' OR EXISTS (SELECT 1 FROM pg_catalog.pg_opclass oc
                      JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod
                     WHERE oc.opcdefault AND am.amname IN ('btree', 'hash')
                       AND oc.opcintype IN (b.oid, b.typelem)) AS groups
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_attribute a
         ON a.attrelid = c.oid AND a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_type b
         ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
    [schema, table, column],
  );
  if (!row) return 'no table';
  if (row.type === null) return 'no column';
  return {
    tableOid: Number(row.oid),
    type: row.type,
    baseType: row.base_type!,
    orders: row.orders === true && !row.base_type!.startsWith('_'),
    groups: row.groups === true,
  };
}

/** The table's rows: counted when small, from statistics (as the table list has it) when big. */
async function tableRows(session: SqlSession, source: string, oid: number) {
  const [size] = await session.query<{ estimate: number; pages: number; heap: string }>(
    `SELECT reltuples::float8 AS estimate, relpages AS pages, pg_relation_size(oid) AS heap
       FROM pg_catalog.pg_class WHERE oid = $1`,
    [oid],
  );
  const heap = Number(size!.heap);
  if (heap > EXACT_COUNT_BYTES && size!.estimate >= 0 && size!.pages > 0) {
    const [block] = await session.query<{ block_size: string }>('SHOW block_size');
    return Math.round((size!.estimate / size!.pages) * (heap / Number(block!.block_size)));
  }
  const [counted] = await session.query<{ n: string }>(`SELECT count(*) AS n FROM ${source}`);
  return Number(counted!.n);
}

/** Distinct values of the whole table from a sample's (Haas and Stokes' Duj1, as ANALYZE does). */
function estimateDistinct(sampleRows: number, rows: number, distinct: number, once: number) {
  if (sampleRows === 0 || distinct === 0) return 0;
  if (sampleRows >= rows) return distinct;
  const estimate = (sampleRows * distinct) / (sampleRows - once + (once * sampleRows) / rows);
  return Math.round(Math.min(Math.max(estimate, distinct), rows));
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function bucketLabel(value: number, baseType: string) {
  if (!TIME_TYPES.has(baseType)) return String(Number(value.toPrecision(6)));
  const iso = new Date(value * 1000).toISOString();
  return baseType === 'date' ? iso.slice(0, 10) : iso.replace('T', ' ').replace('.000Z', 'Z');
}

export async function profileColumn(
  session: SqlSession,
  input: { schema: string; table: string; column: ProfiledColumn & { name: string } },
  { sampleAbove = PROFILE_SAMPLE_ABOVE, normRows = NORM_ROWS }: ProfileOptions = {},
): Promise<ColumnProfile> {
  const started = performance.now();
  const { column } = input;
  const table = `${quoteIdent(input.schema)}.${quoteIdent(input.table)}`;
  const col = quoteIdent(column.name);
  await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const rows = await tableRows(session, table, column.tableOid);
    const vector = column.baseType === '_float4';
    const sampleSize = vector ? Math.ceil(sampleAbove / VECTOR_SAMPLE_SHARE) : sampleAbove;
    const sampled = rows > sampleSize;
    // About `size` rows of the table; the percentage is a number computed here, never request text.
    const sampleOf = (size: number) =>
      rows > size
        ? `(SELECT ${col} AS v FROM ${table} TABLESAMPLE SYSTEM (${((100 * size) / rows).toFixed(6)}) REPEATABLE (0)) AS s`
        : `(SELECT ${col} AS v FROM ${table}) AS s`;
    const source = sampleOf(sampleSize);
    const numeric = NUMERIC_TYPES.has(column.baseType);
    const time = TIME_TYPES.has(column.baseType);
    const asNumber = numeric ? 'v::float8' : time ? 'extract(epoch FROM v)::float8' : null;

    const [basic] = await session.query<Record<string, unknown>>(
      `SELECT count(*) AS sample_rows, count(v) AS present
              ${column.orders ? ', left(min(v)::text, $1) AS min, left(max(v)::text, $1) AS max' : ''}
              ${asNumber ? `, min(${asNumber}) AS lo, max(${asNumber}) AS hi` : ''}
         FROM ${source}`,
      column.orders ? [VALUE_CHARS] : [],
    );
    const sampleRows = Number(basic!.sample_rows);
    const present = Number(basic!.present);
    const scale = sampled && sampleRows > 0 ? rows / sampleRows : 1;
    const profile: ColumnProfile = {
      table: input.table,
      column: column.name,
      type: column.type,
      rows,
      sampled,
      sample_rows: sampleRows,
      nulls: Math.round((sampleRows - present) * scale),
      distinct: null,
      min: text(basic!.min),
      max: text(basic!.max),
      top_values: [],
      histogram: [],
      vector: null,
      duration_ms: 0,
    };

    if (vector) {
      profile.vector = await vectorProfile(session, source, sampleOf(normRows), scale);
    } else if (column.groups) {
      const [grouped] = await session.query<{ distinct: string; once: string; top: unknown }>(
        `WITH g AS MATERIALIZED (SELECT v, count(*) AS c FROM ${source} WHERE v IS NOT NULL GROUP BY v)
         SELECT (SELECT count(*) FROM g) AS distinct, (SELECT count(*) FROM g WHERE c = 1) AS once,
                (SELECT coalesce(json_agg(json_build_object('value', left(t.v::text, $1), 'count', t.c)), '[]')
                   FROM (SELECT v, c FROM g ORDER BY c DESC${column.orders ? ', v' : ''} LIMIT ${TOP_VALUES}) AS t) AS top`,
        [VALUE_CHARS],
      );
      const found = Number(grouped!.distinct);
      profile.distinct = sampled
        ? estimateDistinct(sampleRows, rows, found, Number(grouped!.once))
        : found;
      profile.top_values = (grouped!.top as { value: string; count: number }[])
        .filter((t) => t.count > 1 || found <= TOP_VALUES)
        .map((t) => ({ value: t.value, count: Math.round(t.count * scale) }));
    }

    const lo = num(basic!.lo);
    const hi = num(basic!.hi);
    if (asNumber && lo !== null && hi !== null) {
      profile.histogram = await histogram(session, source, asNumber, lo, hi, scale).then((bars) =>
        bars.map((bar) => ({
          from: bucketLabel(bar.from, column.baseType),
          to: bucketLabel(bar.to, column.baseType),
          count: bar.count,
        })),
      );
    }
    await session.query('COMMIT');
    profile.duration_ms = Math.round(performance.now() - started);
    return profile;
  } catch (error) {
    await session.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Equal-width bars from lo to hi (hi in the last one); one bar when every value is the same. */
async function histogram(
  session: SqlSession,
  source: string,
  asNumber: string,
  lo: number,
  hi: number,
  scale: number,
) {
  const buckets = hi > lo ? BUCKETS : 1;
  const width = hi > lo ? (hi - lo) / buckets : 0;
  const counts = await session.query<{ b: number; n: string }>(
    `SELECT least(width_bucket(${asNumber}, $1::float8, $2::float8, ${buckets}), ${buckets}) AS b,
            count(*) AS n
       FROM ${source} WHERE v IS NOT NULL GROUP BY 1`,
    [lo, hi > lo ? hi : lo + 1],
  );
  const byBucket = new Map(counts.map((c) => [Number(c.b), Number(c.n)]));
  return Array.from({ length: buckets }, (_, i) => ({
    from: lo + i * width,
    to: i === buckets - 1 ? hi : lo + (i + 1) * width,
    count: Math.round((byBucket.get(i + 1) ?? 0) * scale),
  }));
}

/**
 * Dimensions per row (cardinality is O(1)) and zero vectors (`ALL` stops at the first non-zero) over the profiled
 * rows; norms, which read every element, over their own smaller sample.
 */
async function vectorProfile(
  session: SqlSession,
  source: string,
  normSource: string,
  scale: number,
) {
  const groups = await session.query<{ d: number; n: string; zeros: string }>(
    `SELECT coalesce(cardinality(v), 0) AS d, count(*) AS n,
            count(*) FILTER (WHERE 0 = ALL (v)) AS zeros
       FROM ${source} WHERE v IS NOT NULL
      GROUP BY 1`,
  );
  const [norms] = await session.query<{
    n: string;
    lo: number | null;
    hi: number | null;
    mean: number | null;
  }>(
    `SELECT count(*) AS n, min(norm) AS lo, max(norm) AS hi, avg(norm) AS mean
       FROM (SELECT coalesce(sqrt((SELECT sum(x::float8 * x) FROM unnest(v) AS x)), 0) AS norm
               FROM ${normSource} WHERE v IS NOT NULL) AS each`,
  );
  const present = groups.reduce((sum, g) => sum + Number(g.n), 0);
  const common = groups.reduce<(typeof groups)[number] | null>(
    (best, g) => (best === null || Number(g.n) > Number(best.n) ? g : best),
    null,
  );
  return {
    dimensions: common ? Number(common.d) : null,
    other_dimensions: Math.round((common ? present - Number(common.n) : 0) * scale),
    zero_vectors: Math.round(groups.reduce((sum, g) => sum + Number(g.zeros), 0) * scale),
    norm_rows: Number(norms!.n),
    norm_min: num(norms!.lo),
    norm_max: num(norms!.hi),
    norm_mean: num(norms!.mean),
  };
}
