/**
 * Words the editor highlights and offers: PostgreSQL's keywords as analysts type them, its
 * common type names, and the built-in functions people reach for (plus Deeplake's `<#>`
 * operator, which needs no word). Not every keyword of the grammar: the ones that are useful
 * to complete.
 */

const words = (list: string) => list.trim().split(/\s+/);

export const SQL_KEYWORDS: readonly string[] = words(`
  ABORT ADD ALL ALTER ANALYZE AND ANY ARRAY AS ASC ASYMMETRIC BEGIN BETWEEN BOTH BY CASCADE
  CASE CAST CHECK CHECKPOINT COLLATE COLUMN COMMENT COMMIT CONCURRENTLY CONFLICT CONSTRAINT
  COPY CREATE CROSS CUBE CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER
  DEFAULT DEFERRABLE DELETE DESC DISTINCT DO DROP ELSE END ESCAPE EXCEPT EXCLUDE EXISTS
  EXPLAIN EXTENSION FALSE FETCH FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL FUNCTION
  GENERATED GRANT GROUP GROUPING HAVING IF ILIKE IN INCLUDE INDEX INNER INSERT INTERSECT
  INTERVAL INTO IS ISNULL JOIN KEY LAST LATERAL LEFT LIKE LIMIT LOCAL LOCALTIME
  LOCALTIMESTAMP MATERIALIZED MERGE NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON
  ONLY OR ORDER OUTER OVER OVERLAPS PARTITION PRECEDING PRIMARY RANGE RECURSIVE REFERENCES
  REFRESH RENAME REPLACE RESTRICT RETURNING RETURNS REVOKE RIGHT ROLLBACK ROLLUP ROW ROWS
  SCHEMA SELECT SEQUENCE SET SETS SHOW SIMILAR SOME TABLE TABLESAMPLE TEMPORARY THEN TIES TO
  TRAILING TRANSACTION TRIGGER TRUE TRUNCATE TYPE UNBOUNDED UNION UNIQUE UNLOGGED UPDATE
  USING VACUUM VALUES VIEW WHEN WHERE WINDOW WITH WITHIN WITHOUT
`);

export const SQL_TYPES: readonly string[] = words(`
  bigint bigserial boolean bool bytea char character date decimal double precision float4
  float8 int int2 int4 int8 integer interval json jsonb numeric real serial smallint text
  time timestamp timestamptz uuid varchar vector
`);

export const SQL_FUNCTIONS: readonly string[] = words(`
  abs age array_agg array_append array_length array_position array_remove array_to_string
  avg bool_and bool_or cardinality ceil char_length coalesce concat concat_ws count
  cume_dist current_setting date_part date_trunc dense_rank encode decode every exp extract
  first_value floor format gen_random_uuid generate_series greatest initcap json_agg
  json_build_object jsonb_agg jsonb_array_elements jsonb_array_length jsonb_build_array
  jsonb_build_object jsonb_each jsonb_extract_path jsonb_object_agg jsonb_object_keys
  jsonb_path_query jsonb_pretty jsonb_set jsonb_strip_nulls jsonb_typeof lag last_value lead
  least left length ln log lower lpad ltrim make_date max md5 min mod now nth_value ntile
  nullif percent_rank percentile_cont percentile_disc position power random rank
  regexp_match regexp_matches regexp_replace regexp_split_to_array repeat replace reverse
  right round row_number row_to_json rpad rtrim sign split_part sqrt starts_with stddev
  string_agg string_to_array strpos substr substring sum to_char to_date to_json to_jsonb
  to_number to_timestamp trim trunc unnest upper variance
`);

/** The keywords above, lower-cased: a name that is one must be quoted. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  SQL_KEYWORDS.map((word) => word.toLowerCase()),
);

/** Words that may follow a table's name and are not its alias (`FROM t WHERE …`). */
export const NOT_TABLE_ALIAS: ReadonlySet<string> = new Set([
  ...RESERVED_WORDS,
  'where',
  'set',
  'values',
  'on',
  'using',
  'natural',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'join',
  'group',
  'order',
  'limit',
  'offset',
  'returning',
  'default',
  'window',
  'having',
  'union',
  'intersect',
  'except',
  'fetch',
  'for',
  'overriding',
  'select',
]);
