import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { fileQueryOptions } from '../../files';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Values of a column asked about per page: enough to tell a file-id column from other ids. */
const PROBES_PER_COLUMN = 3;

/**
 * Which columns hold file ids of the workspace. A `uuid` column is one when any of the first few
 * values on the page is a file (GET /files/{id}, cached per id); other uuids (keys, say) cost at
 * most three lookups per page. Once a column is found to hold files it stays so for the table.
 */
export function useFileIdColumns(
  orgId: string,
  workspaceId: string,
  columns: readonly { name: string; type?: string }[],
  rows: readonly (readonly unknown[])[],
): ReadonlySet<number> {
  const [known, setKnown] = useState<ReadonlySet<string>>(() => new Set());
  const probes: { column: number; id: string }[] = [];
  columns.forEach((column, index) => {
    if (column.type !== 'uuid' || known.has(column.name)) return;
    const ids = new Set<string>();
    for (const row of rows) {
      const value = row[index];
      if (typeof value === 'string' && UUID.test(value)) ids.add(value.toLowerCase());
      if (ids.size === PROBES_PER_COLUMN) break;
    }
    ids.forEach((id) => probes.push({ column: index, id }));
  });

  const results = useQueries({
    queries: probes.map((probe) => ({
      ...fileQueryOptions(orgId, workspaceId, probe.id),
      retry: false,
    })),
  });

  const found = new Set<number>();
  columns.forEach((column, index) => {
    if (known.has(column.name)) found.add(index);
  });
  const discovered: string[] = [];
  results.forEach((result, i) => {
    if (!result.isSuccess) return;
    const column = probes[i]!.column;
    found.add(column);
    discovered.push(columns[column]!.name);
  });
  if (discovered.some((name) => !known.has(name))) setKnown(new Set([...known, ...discovered]));
  return found;
}
