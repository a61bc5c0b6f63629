import { lazy, Suspense } from 'react';
import { PageHeader } from '../../../components/ui/page-header';
import { ListSkeleton } from '../../../components/ui/skeleton';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  ReadOnlyNote,
  useCurrentWorkspace,
  useWriteAccess,
  WorkspacePicker,
} from '../../workspaces';

// The playground (grid, batch tools, and Monaco after it) loads behind the header, which shows
// at once.
const SqlPlayground = lazy(() =>
  import('./sql-playground').then((module) => ({ default: module.SqlPlayground })),
);

export function SqlScreen() {
  useDocumentTitle('SQL');
  const { orgId, workspaceId, workspace } = useCurrentWorkspace();
  // A viewer's statements run read-only: the server refuses a write and says why, in the
  // result panel; batch mode, which exists to load rows, is off for them.
  const access = useWriteAccess();
  return (
    <>
      <PageHeader
        title="SQL"
        description={
          <>
            Statements run in <span className="font-medium text-fg">{workspace.name}</span>; its
            tables are <code className="font-mono text-xs">&quot;{workspaceId}&quot;.table</code> or
            just <code className="font-mono text-xs">table</code>.
          </>
        }
        actions={
          <div className="w-56">
            <WorkspacePicker area="sql" />
          </div>
        }
      />
      <ReadOnlyNote access={access} className="mb-4" />
      <Suspense fallback={<ListSkeleton label="Loading the SQL editor" />}>
        {/* Keyed by workspace: tabs, runs and dialogs never carry over to another one. */}
        <SqlPlayground
          key={`${orgId}/${workspaceId}`}
          orgId={orgId}
          workspaceId={workspaceId}
          access={access}
        />
      </Suspense>
    </>
  );
}
