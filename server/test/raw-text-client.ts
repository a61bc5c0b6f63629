import pg from 'pg';
import { inject } from 'vitest';
import { decoderFor } from '../sql/value-decoders';

/**
 * A client of the test cluster that reads every value as raw text under the session settings
 * the SQL endpoint fixes: what the value codec (server/sql/value-decoders.ts) is given.
 */
export async function connectRawText(): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: inject('adminDatabaseUrl'),
    // Raw text for every type, the way the endpoint receives it.
    types: { getTypeParser: (() => (text: string) => text) as any },
  });
  await client.connect();
  await client.query(`
    SET DateStyle = 'ISO, MDY';
    SET IntervalStyle = 'postgres';
    SET TimeZone = 'UTC';
    SET extra_float_digits = 1;
    SET bytea_output = 'hex';
  `);
  return client;
}

/** Rows as arrays of raw text (null for NULL), with their fields. */
export async function rawQuery(client: pg.Client, text: string, values: unknown[] = []) {
  const result = await client.query<unknown[]>({ text, values, rowMode: 'array' });
  return { rows: result.rows as (string | null)[][], fields: result.fields };
}

/** Decodes every cell by its column's dataTypeID, as the endpoint does. */
export function decodeRows(rows: (string | null)[][], fields: pg.FieldDef[]) {
  const decoders = fields.map((field) => decoderFor(field.dataTypeID));
  return rows.map((row) => row.map((text, i) => (text === null ? null : decoders[i]!(text))));
}
