import type { TableIndex } from '../../../../contract/tables';
import { Badge } from '../../../components/ui/badge';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { indexKindLabel } from '../lib/index-sql';

/** The table's indexes as the bundled server lists them, each with the SQL that makes it. */
export function IndexList({ table, indexes }: { table: string; indexes: readonly TableIndex[] }) {
  return (
    <section aria-labelledby="table-indexes" className="space-y-2">
      <div>
        <h2 id="table-indexes" className="text-base font-semibold">
          Indexes
        </h2>
        <p className="text-sm text-muted">
          {indexes.length === 0
            ? 'No indexes yet: Create index on a column adds one.'
            : 'Vector and BM25 indexes serve <#> searches; the others, lookups and sorting.'}
        </p>
      </div>
      {indexes.length > 0 && (
        <Table caption={`Indexes of ${table}`}>
          <thead>
            <tr>
              <Th>Index</Th>
              <Th>Kind</Th>
              <Th>Columns</Th>
              <Th>Definition</Th>
            </tr>
          </thead>
          <tbody>
            {indexes.map((index) => (
              <Tr key={index.name}>
                <Td className="font-mono font-medium whitespace-nowrap text-fg">{index.name}</Td>
                <Td>
                  <span className="flex gap-1 whitespace-nowrap">
                    <Badge
                      tone={index.kind === 'vector' || index.kind === 'text' ? 'accent' : 'neutral'}
                    >
                      {indexKindLabel(index.kind)}
                    </Badge>
                    {index.unique && <Badge>unique</Badge>}
                  </span>
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">
                  {index.columns.length > 0 ? (
                    index.columns.join(', ')
                  ) : (
                    <span className="text-muted">expression</span>
                  )}
                </Td>
                <Td className="font-mono text-xs [overflow-wrap:anywhere] text-muted">
                  {index.definition}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
