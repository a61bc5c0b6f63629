import type { SqlSession } from '../db/workspace-sessions';
import { hasEncoder } from './value-encoders';

/**
 * PostgreSQL describes a parameter bound to a domain column by the domain's type: `EMBEDDING`,
 * `IMAGE`, `BOUNDING_BOX` … (Deeplake's types are domains over float4[], bytea …), which the
 * value codec does not know. A domain takes its base type's text form, so each is encoded as
 * its base type: a JSON array for an EMBEDDING parameter becomes an array literal, not JSON.
 */

// Domains over domains resolve to the first type that is not one.
const DOMAIN_BASES = `
  WITH RECURSIVE base (oid, type) AS (
    SELECT t.oid, t.typbasetype FROM pg_catalog.pg_type t
     WHERE t.oid = ANY ($1::oid[]) AND t.typtype = 'd'
    UNION ALL
    SELECT b.oid, t.typbasetype FROM base b JOIN pg_catalog.pg_type t ON t.oid = b.type
     WHERE t.typtype = 'd'
  )
  SELECT b.oid::int8 AS oid, b.type::int8 AS base FROM base b
   WHERE NOT EXISTS (
     SELECT 1 FROM pg_catalog.pg_type t WHERE t.oid = b.type AND t.typtype = 'd'
   )`;

/**
 * The parameter types to encode by: each domain replaced by its base type. `asked` says that a
 * statement ran to find them, which replaced the session's unnamed statement.
 */
export async function encodingTypes(
  session: SqlSession,
  paramTypes: readonly number[],
): Promise<{ types: number[]; asked: boolean }> {
  const unknown = [...new Set(paramTypes.filter((oid) => oid > 0 && !hasEncoder(oid)))];
  if (unknown.length === 0) return { types: [...paramTypes], asked: false };
  const rows = await session.query<{ oid: string; base: string }>(DOMAIN_BASES, [unknown]);
  const bases = new Map(rows.map((row) => [Number(row.oid), Number(row.base)]));
  return { types: paramTypes.map((oid) => bases.get(oid) ?? oid), asked: true };
}
