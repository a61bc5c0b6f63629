/**
 * SQL text for the table browser. Identifiers are always quoted (a `"` inside doubled), values
 * always go as `$n` parameters: nothing a person types is ever spliced into SQL text.
 */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"workspace"."table"`: tables are addressed by their workspace's schema, as the docs do. */
export function qualifiedTable(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** Built-in types whose names are safe to write in a cast (`$1::int4`). */
const CASTABLE = new Set([
  'bool',
  'bytea',
  'char',
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'money',
  'oid',
  'text',
  'varchar',
  'bpchar',
  'name',
  'json',
  'jsonb',
  'uuid',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'bit',
  'varbit',
  'xml',
  'tsvector',
  'tsquery',
  'int4range',
  'int8range',
  'numrange',
  'daterange',
  'tsrange',
  'tstzrange',
]);

/**
 * The type as SQL writes it (`_float4` → `float4[]`), or null for a type that is not a known
 * built-in (an enum, a domain): then no cast is written and PostgreSQL infers the parameter's
 * type from the column it is compared with.
 */
export function castableType(pgType: string): string | null {
  const array = pgType.startsWith('_');
  const element = array ? pgType.slice(1) : pgType;
  if (!CASTABLE.has(element)) return null;
  return array ? `${element}[]` : element;
}

/** The type as a column definition writes it: `float4[]`, and other names quoted when needed. */
export function sqlTypeName(pgType: string): string {
  const array = pgType.startsWith('_') && pgType.length > 1;
  const element = array ? pgType.slice(1) : pgType;
  const name = /^[a-z_][a-z0-9_]*$/.test(element) ? element : quoteIdent(element);
  return array ? `${name}[]` : name;
}
