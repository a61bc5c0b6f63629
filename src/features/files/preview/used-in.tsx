import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fileValue, type FileInfo } from '../../../../contract/files';
import { rowsWhereHref } from '../../tables';
import { fileReferencesQueryOptions } from '../api/file-references-query';

const rowsWord = (count: number) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`;

/**
 * Where a file is used: the columns of the workspace's tables whose rows hold its id (uuid
 * columns) or its path (text columns), each a link to those rows in the table browser. Only the
 * bundled server can say; elsewhere (no `path`, or no references endpoint) nothing is shown.
 */
export function UsedIn({
  orgId,
  workspaceId,
  file,
}: {
  orgId: string;
  workspaceId: string;
  file: FileInfo;
}) {
  const references = useQuery({
    ...fileReferencesQueryOptions(orgId, workspaceId, file.id),
    enabled: file.path !== undefined,
  });
  if (file.path === undefined || !references.data) return null;
  const list = references.data.references;
  return (
    <nav aria-label="Used in" className="truncate text-sm text-muted">
      {list.length === 0 ? (
        'Used in no table'
      ) : (
        <>
          Used in{' '}
          {list.map((reference, i) => (
            <span key={`${reference.table}\u0000${reference.column}`}>
              {i > 0 && ', '}
              <Link
                className="text-accent underline-offset-2 hover:underline"
                to={rowsWhereHref(
                  workspaceId,
                  reference.table,
                  reference.column,
                  fileValue(file, reference.match),
                )}
              >
                {reference.table}.{reference.column}
              </Link>{' '}
              ({rowsWord(reference.rows)})
            </span>
          ))}
        </>
      )}
    </nav>
  );
}
