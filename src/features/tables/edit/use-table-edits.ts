import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useBlocker } from 'react-router';
import type { TableDetails, TransactionResult } from '../../../../contract/tables';
import { errorMessage } from '../../../lib/api-client';
import { tableKeys } from '../api/keys';
import { failedStatement, saveEdits } from '../api/save-edits';
import { countChanges, emptyEdits, type EditState, type StagedChange } from './edit-store';
import { buildStatements } from './statements';

/** Why saving failed: the server's message, and the change it was about when it names one. */
export interface SaveFailure {
  message: string;
  change: StagedChange | null;
}

/**
 * The staged edits of the table on screen, kept above its tabs so the Schema tab does not lose
 * them. Saving sends them in one transaction; a failure leaves them staged, marked.
 */
export function useTableEdits(
  orgId: string,
  workspaceId: string,
  details: TableDetails | undefined,
) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<EditState>(emptyEdits);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<TransactionResult | null>(null);
  const table = details?.table_name ?? '';
  const columns = details?.columns;
  const primaryKey = useMemo(() => details?.primary_key ?? [], [details?.primary_key]);

  const statements = useMemo(
    () =>
      buildStatements(
        { schema: workspaceId, table, columns: columns ?? [], primaryKey },
        state.changes,
      ),
    [workspaceId, table, columns, primaryKey, state.changes],
  );

  /** Applies a pure change to the staged edits; any change makes the last failure stale. */
  const apply = useCallback((change: (state: EditState) => EditState) => {
    setState(change);
    setFailure(null);
    setSaved(null);
  }, []);

  const save = useCallback(async () => {
    if (statements.length === 0) return false;
    setSaving(true);
    setFailure(null);
    try {
      const result = await saveEdits(orgId, workspaceId, statements);
      setState(emptyEdits);
      setSaved(result);
      await queryClient.invalidateQueries({
        queryKey: tableKeys.table(orgId, workspaceId, table),
      });
      return true;
    } catch (error) {
      const failed = failedStatement(error);
      setFailure({
        message: failed?.message ?? errorMessage(error),
        change: failed ? (statements[failed.index]?.change ?? null) : null,
      });
      return false;
    } finally {
      setSaving(false);
    }
  }, [statements, orgId, workspaceId, queryClient, table]);

  const counts = countChanges(state);
  const dirty = counts.total > 0;

  // Leaving the page (another route, reload, closing the tab) with staged changes asks first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return {
    state,
    apply,
    counts,
    dirty,
    statements,
    primaryKey,
    editable: primaryKey.length > 0,
    save,
    saving,
    saved,
    failure,
    blocker,
  };
}

export type TableEdits = ReturnType<typeof useTableEdits>;
