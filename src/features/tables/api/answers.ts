import { isRecord, listIn, requiredText } from '../../../lib/answers';

/**
 * A table as the list shows it. The bundled server counts rows and measures size; the hosted
 * list may name the table only (hivemind's listTables reads nothing else), so both may be
 * unknown.
 */
export interface TableListEntry {
  table_name: string;
  row_count: number | null;
  size_mb: number | null;
}

const count = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * `GET /workspaces/{ws}/tables`: `{tables: […]}`, `{data: […]}` or a bare array. An answer with
 * no list is no tables, as Deeplake's own clients read it (`data.tables ?? []`).
 */
export function readTableList(body: unknown): TableListEntry[] {
  const list = isRecord(body) && !['tables', 'data'].some((key) => key in body) ? [] : body;
  return listIn(list, ['tables', 'data'], 'a list of tables').map((entry) => {
    if (!isRecord(entry)) return { table_name: String(entry), row_count: null, size_mb: null };
    return {
      table_name: requiredText(entry, 'table_name', 'a table with a name'),
      row_count: count(entry.row_count),
      size_mb: count(entry.size_mb),
    };
  });
}
