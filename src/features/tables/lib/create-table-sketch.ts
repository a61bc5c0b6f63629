import type { TableColumn } from '../../../../contract/tables';
import { qualifiedTable, quoteIdent, sqlTypeName } from './sql';

/**
 * A `CREATE TABLE` that makes a table of the same shape: names, types, NOT NULL and defaults.
 * A sketch: constraints, indexes and type modifiers (varchar(20)) are not in the API's answer.
 */
export function createTableSketch(
  schema: string,
  table: string,
  columns: readonly TableColumn[],
): string {
  const lines = columns.map((column) => {
    let line = `  ${quoteIdent(column.name)} ${sqlTypeName(column.type)}`;
    if (!column.nullable) line += ' NOT NULL';
    if (column.default !== null) line += ` DEFAULT ${column.default}`;
    return line;
  });
  return `CREATE TABLE ${qualifiedTable(schema, table)} (\n${lines.join(',\n')}\n) USING deeplake;`;
}
