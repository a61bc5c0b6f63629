import { useQueryClient } from '@tanstack/react-query';
import { BookMarked, History, Play, Save, Square, WandSparkles, X } from 'lucide-react';
import { Switch } from 'radix-ui';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { FormAlert } from '../../../components/ui/form-alert';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { Skeleton } from '../../../components/ui/skeleton';
import { tableKeys } from '../../tables/api/keys';
import { tableDetailsQueryOptions } from '../../tables/api/table-query';
import { tableListQueryOptions } from '../../tables/api/tables-query';
import type { SchemaSource } from '../editor/completion-provider';
import type { ErrorMarker, SqlEditorHandle } from '../editor/sql-editor';
import { usePrefersDark } from '../editor/use-prefers-dark';
import { batchValues, filledRows, type CellError } from '../lib/batch';
import { destructiveReason } from '../lib/destructive';
import { errorSpan } from '../lib/error-position';
import { paramColumnNames } from '../lib/import-rows';
import { paramFields } from '../lib/param-fields';
import { findParameters, toParamValue } from '../lib/parameters';
import {
  newId,
  settingsFromSnapshot,
  settingsFromValues,
  snapshotParams,
  tabTitle,
  type HistoryEntry,
  type ParamSetting,
  type Snippet,
  type SqlTab,
} from '../lib/saved-state';
import { runTarget, type TextRange } from '../lib/statements';
import { startRun, type RunMode } from '../state/run-sql';
import { dropRunState, getRunState, runKey, useRunningKeys, useRunState } from '../state/run-store';
import { deleteSnippet, snippetStore, usePersisted, workspaceStore } from '../state/sql-store';
import { writeControl, type WriteAccess } from '../../workspaces/use-write-access';
import { BatchPanel } from './batch-panel';
import { EditorTabs } from './editor-tabs';
import { ParamInputs, type ParamChange } from './param-inputs';
import { RunPanel } from './run-panel';

const SqlEditor = lazy(() =>
  import('../editor/sql-editor').then((module) => ({ default: module.SqlEditor })),
);
const HistoryDialog = lazy(() =>
  import('./history-dialog').then((module) => ({ default: module.HistoryDialog })),
);
const SnippetsDialog = lazy(() =>
  import('./snippets-dialog').then((module) => ({ default: module.SnippetsDialog })),
);
const SaveSnippetDialog = lazy(() =>
  import('./snippets-dialog').then((module) => ({ default: module.SaveSnippetDialog })),
);

/** Why a run did not start: shown above the result, which stays as it was. */
interface Problem {
  message: string;
  cell?: CellError;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

/**
 * The SQL playground of one workspace: editor tabs kept in the browser, parameters bound as real
 * `params` (or a grid of rows sent as `params_batch`), runs that can be cancelled, results with
 * exports, errors marked in the editor, and the history and snippets to come back to.
 */
export function SqlPlayground({
  orgId,
  workspaceId,
  access,
}: {
  orgId: string;
  workspaceId: string;
  /** What the caller may change: a viewer gets no batch mode (the server refuses it too). */
  access?: WriteAccess;
}) {
  const store = workspaceStore(orgId, workspaceId);
  const session = usePersisted(store.session);
  const history = usePersisted(store.history);
  const snippets = usePersisted(snippetStore());
  const queryClient = useQueryClient();
  const dark = usePrefersDark();
  const editorRef = useRef<SqlEditorHandle>(null);
  const panelId = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirm, setConfirm] = useState<{ reason: string; run: () => void } | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [snippetsOpen, setSnippetsOpen] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);

  const tab = session.tabs.find((candidate) => candidate.id === session.activeTabId)!;
  const key = runKey(orgId, workspaceId, tab.id);
  const runState = useRunState(key);
  const running = runState.status === 'running';
  const runningKeys = useRunningKeys(session.tabs.map((t) => runKey(orgId, workspaceId, t.id)));
  const runningTabs = useMemo(
    () =>
      new Set(
        session.tabs
          .filter((t) => runningKeys.has(runKey(orgId, workspaceId, t.id)))
          .map((t) => t.id),
      ),
    [session.tabs, runningKeys, orgId, workspaceId],
  );

  const scan = useMemo(() => findParameters(tab.sql), [tab.sql]);
  const fields = useMemo(() => paramFields(scan, tab.params), [scan, tab.params]);
  const paramNames = useMemo(() => paramColumnNames(tab.sql), [tab.sql]);

  // Stored state that could not be read was set aside; say so once.
  useEffect(() => {
    if (store.takeRecoveryNotice()) {
      toast.warning(
        'The SQL tabs or history saved in this browser could not be read; they were set aside and the screen started fresh.',
        { id: `sql-recovered-${workspaceId}` },
      );
    }
  }, [store, workspaceId]);

  // Table names for completion, loaded before the first suggestion is wanted.
  useEffect(() => {
    void queryClient.prefetchQuery(tableListQueryOptions(orgId, workspaceId));
  }, [queryClient, orgId, workspaceId]);

  const schema = useMemo<SchemaSource>(
    () => ({
      workspaceId,
      tables: async () =>
        (await queryClient.fetchQuery(tableListQueryOptions(orgId, workspaceId))).map(
          (table) => table.table_name,
        ),
      columns: async (table) =>
        (await queryClient.fetchQuery(tableDetailsQueryOptions(orgId, workspaceId, table))).columns,
    }),
    [queryClient, orgId, workspaceId],
  );

  // `?query=…&params=[…]` (the table browser's "Find similar") opens in a new tab, once.
  const [searchParams, setSearchParams] = useSearchParams();
  const launched = useRef<string | null>(null);
  useEffect(() => {
    const query = searchParams.get('query');
    if (query === null) {
      // Handled and dropped from the URL: the same link followed again opens another tab.
      launched.current = null;
      return;
    }
    // StrictMode runs this effect twice for one link; the ref makes that one tab.
    if (launched.current === searchParams.toString()) return;
    launched.current = searchParams.toString();
    const rawParams = searchParams.get('params');
    let values: unknown[] = [];
    if (rawParams !== null) {
      try {
        const parsed: unknown = JSON.parse(rawParams);
        if (!Array.isArray(parsed)) throw new Error('not an array');
        values = parsed;
      } catch {
        toast.error('The link’s parameters were not a JSON array; the SQL opened without them.');
      }
    }
    store.openTab({ sql: query, params: settingsFromValues(values) });
    setSearchParams({}, { replace: true });
  }, [searchParams, setSearchParams, store]);

  function updateParam(number: number, change: ParamChange) {
    const field = fields.find((candidate) => candidate.number === number);
    store.updateTab(tab.id, (current) => {
      const previous: ParamSetting = current.params[number] ?? {
        type: field?.guessed ?? 'text',
        value: '',
        typeChosen: false,
      };
      const next = { ...previous };
      if (change.value !== undefined) next.value = change.value;
      if (change.type !== undefined) {
        next.type = change.type;
        next.typeChosen = true;
      }
      if (change.resetType) {
        next.type = field?.guessed ?? 'text';
        next.typeChosen = false;
      }
      return { ...current, params: { ...current.params, [number]: next } };
    });
  }

  function updateBatch(change: Partial<SqlTab['batch']>) {
    store.updateTab(tab.id, (current) => {
      const batch = { ...current.batch, ...change };
      if (change.rows !== undefined) delete batch.notKept;
      return { ...current, batch };
    });
    if (change.rows !== undefined && problem?.cell) setProblem(null);
  }

  /** Runs the statement at `selection` of `text` with `target`'s parameters (or its batch rows). */
  function run(target: SqlTab, text: string, selection: TextRange) {
    setProblem(null);
    const picked = runTarget(text, selection);
    if (picked === null) {
      setProblem({ message: 'There is no statement to run: write one in the editor.' });
      return;
    }
    if (picked.statementCount > 1) {
      setProblem({
        message: `The selection holds ${picked.statementCount} statements, and the API runs one at a time. Select one of them, or put the cursor in it and run without a selection.`,
      });
      return;
    }
    const targetScan = findParameters(picked.text);
    if (targetScan.invalid.length > 0) {
      setProblem({
        message: `${targetScan.invalid.join(', ')}: parameters are numbered from $1 to $65535.`,
      });
      return;
    }
    // Types as the inputs show them (guessed from the whole script), for $1 … $max of this one.
    const targetFields = paramFields(findParameters(text), target.params).slice(0, targetScan.max);
    const types = targetFields.map((field) => field.type);
    let mode: RunMode;
    if (target.batch.enabled) {
      if (targetScan.max === 0) {
        setProblem({
          message:
            'Batch mode runs a statement with parameters ($1, $2 …) once per row, and this one has none. Switch batch mode off to run it once.',
        });
        return;
      }
      const rawRows = filledRows(target.batch.rows).map((row) => row.slice(0, targetScan.max));
      if (rawRows.length === 0) {
        setProblem({ message: 'Add at least one row of parameters to run the batch.' });
        return;
      }
      const values = batchValues(rawRows, types, target.batch.emptyIsNull);
      if ('error' in values) {
        const { row, param, message } = values.error;
        setProblem({ message: `Row ${row + 1}, $${param}: ${message}`, cell: values.error });
        return;
      }
      mode = { kind: 'batch', rows: values.rows, rawRows, emptyIsNull: target.batch.emptyIsNull };
    } else {
      const params: unknown[] = [];
      for (const field of targetFields) {
        const converted =
          field.type === 'null' ? { value: null } : toParamValue(field.value, field.type);
        if ('error' in converted) {
          setProblem({ message: `$${field.number}: ${converted.error}` });
          return;
        }
        params.push(converted.value);
      }
      mode = { kind: 'query', params };
    }
    const go = () =>
      startRun({
        orgId,
        workspaceId,
        tabId: target.id,
        sent: { text: picked.text, start: picked.start, script: text },
        mode,
        params: snapshotParams(
          target.params,
          targetFields.map((field) => field.number),
        ).map((snapshot, k) => ({ ...snapshot, type: types[k]! })),
        onHistory: (entry) => store.addHistory(entry),
        // New or dropped tables show up in completion, and changed rows in the table browser.
        onSuccess: () =>
          void queryClient.invalidateQueries({ queryKey: tableKeys.workspace(orgId, workspaceId) }),
      });
    const reason = destructiveReason(picked.text);
    if (reason !== null) setConfirm({ reason, run: go });
    else go();
  }

  function runActive() {
    const snapshot = editorRef.current?.snapshot() ?? {
      text: tab.sql,
      selection: { start: tab.sql.length, end: tab.sql.length },
    };
    run(tab, snapshot.text, snapshot.selection);
  }

  function cancel() {
    const state = getRunState(key);
    if (state.status === 'running') state.cancel();
  }

  function closeTab(id: string) {
    const index = session.tabs.findIndex((candidate) => candidate.id === id);
    const closing = session.tabs[index];
    if (!closing) return;
    const title = tabTitle(closing, index);
    const reopen = store.closeTab(id);
    dropRunState(runKey(orgId, workspaceId, id));
    if (closing.sql.trim() !== '') {
      toast(`Closed ${title}`, { action: { label: 'Undo', onClick: reopen } });
    }
  }

  function openEntry(entry: HistoryEntry, andRun: boolean) {
    const opened = store.openTab({
      sql: entry.sql,
      params: settingsFromSnapshot(entry.params),
      ...(entry.batchSize !== undefined
        ? {
            batch: {
              enabled: true,
              rows: entry.batchRows ?? [[]],
              emptyIsNull: entry.batchEmptyIsNull ?? true,
            },
          }
        : {}),
    });
    setHistoryOpen(false);
    if (!andRun) return;
    if (entry.batchSize !== undefined && !entry.batchRows) {
      setProblem({
        message: `That batch had ${plural(entry.batchSize, 'row')}, too many to keep in the history: load the rows again, then run.`,
      });
      return;
    }
    run(opened, entry.sql, { start: entry.sql.length, end: entry.sql.length });
  }

  function openSnippet(snippet: Snippet) {
    store.openTab({
      sql: snippet.sql,
      title: snippet.name,
      params: settingsFromSnapshot(snippet.params),
    });
    setSnippetsOpen(false);
  }

  function saveSnippet(name: string) {
    const now = Date.now();
    const params = snapshotParams(
      tab.params,
      fields.map((field) => field.number),
    ).map((snapshot, k) => ({ ...snapshot, type: fields[k]!.type }));
    snippetStore().update((list) => {
      const existing = list.find((snippet) => snippet.name === name);
      if (existing) {
        return list.map((snippet) =>
          snippet === existing ? { ...snippet, sql: tab.sql, params, updatedAt: now } : snippet,
        );
      }
      return [...list, { id: newId(), name, sql: tab.sql, params, createdAt: now, updatedAt: now }];
    });
    store.updateTab(tab.id, (current) => ({ ...current, title: name }));
    setSaveOpen(false);
    toast.success(`Snippet ${name} saved`);
  }

  // Ctrl/Cmd+Enter from a parameter input or the batch grid runs too (Monaco handles its own).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    if ((event.target as HTMLElement).closest('.monaco-editor')) return;
    event.preventDefault();
    runActive();
  }

  const marker = useMemo((): ErrorMarker | null => {
    if (runState.status !== 'error' || runState.sent === null) return null;
    const { sent, error } = runState;
    if (error.position === undefined || sent.script !== tab.sql) return null;
    const span = errorSpan(sent.script, sent.text, sent.start, error.position);
    return span && { ...span, message: error.message };
  }, [runState, tab.sql]);

  const markerStart = marker?.start;
  const showError = useCallback(() => {
    if (markerStart !== undefined) editorRef.current?.reveal(markerStart);
  }, [markerStart]);

  return (
    <>
      <div className="flex items-end gap-2 border-b border-border">
        <EditorTabs
          tabs={session.tabs}
          activeTabId={tab.id}
          running={runningTabs}
          panelId={panelId}
          onSelect={(id) => {
            setProblem(null);
            store.selectTab(id);
          }}
          onClose={closeTab}
          onNew={() => store.openTab()}
        />
        <div className="mb-1 ml-auto flex shrink-0 gap-1">
          <Button size="sm" variant="ghost" onClick={() => setSnippetsOpen(true)}>
            <BookMarked aria-hidden className="size-4" />
            Snippets
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setHistoryOpen(true)}>
            <History aria-hidden className="size-4" />
            History
          </Button>
        </div>
      </div>

      <div
        id={panelId}
        role="tabpanel"
        aria-labelledby={`sql-tab-${tab.id}`}
        className="space-y-4 rounded-b-lg border border-t-0 border-border bg-surface p-3"
        onKeyDown={onKeyDown}
      >
        <div role="toolbar" aria-label="SQL actions" className="flex flex-wrap items-center gap-2">
          <Button
            variant="primary"
            size="sm"
            onClick={runActive}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title="Run the selection, or the statement at the cursor (Ctrl+Enter)"
          >
            <Play aria-hidden className="size-4" />
            Run
          </Button>
          <Button size="sm" onClick={cancel} disabled={!running}>
            <Square aria-hidden className="size-4" />
            Cancel
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => void editorRef.current?.format()}
            title="Format the selection, or everything (Shift+Alt+F)"
          >
            <WandSparkles aria-hidden className="size-4" />
            Format
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setSaveOpen(true)}
            disabled={tab.sql.trim() === ''}
          >
            <Save aria-hidden className="size-4" />
            Save snippet
          </Button>
          <label className="ml-auto flex items-center gap-2 text-sm text-fg">
            <Switch.Root
              checked={tab.batch.enabled}
              onCheckedChange={(enabled) => updateBatch({ enabled })}
              {...(access ? writeControl(access) : {})}
              className="relative h-5 w-9 shrink-0 rounded-full border border-border bg-raised transition-colors focus-visible:outline-2 focus-visible:outline-accent data-[state=checked]:border-accent data-[state=checked]:bg-accent"
            >
              <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-fg/70 shadow transition-transform data-[state=checked]:translate-x-4 data-[state=checked]:bg-accent-fg" />
            </Switch.Root>
            Batch mode
          </label>
        </div>

        <div className="h-72 min-h-32 resize-y overflow-hidden rounded border border-border">
          <Suspense
            fallback={
              <div role="status" className="h-full space-y-2 p-3">
                <span className="sr-only">Loading the editor</span>
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-4 w-1/2" />
                <Skeleton className="h-4 w-3/5" />
              </div>
            }
          >
            <SqlEditor
              ref={editorRef}
              modelId={tab.id}
              initialValue={tab.sql}
              openModelIds={session.tabs.map((t) => t.id)}
              onChange={(sql) => store.updateTab(tab.id, (current) => ({ ...current, sql }))}
              onRun={runActive}
              marker={marker}
              dark={dark}
              label="SQL editor"
              schema={schema}
            />
          </Suspense>
        </div>
        <p className="-mt-2 text-xs text-muted">
          Ctrl+Enter runs the selection or the statement at the cursor. Ctrl+Space suggests names;
          Ctrl+M makes Tab move the focus out of the editor.
        </p>

        {scan.max > 0 &&
          (tab.batch.enabled ? (
            <BatchPanel
              fields={fields}
              rows={tab.batch.rows}
              emptyIsNull={tab.batch.emptyIsNull}
              notKept={tab.batch.notKept}
              cellError={problem?.cell ?? null}
              paramNames={paramNames}
              onRowsChange={(rows) => updateBatch({ rows })}
              onParamChange={updateParam}
              onEmptyIsNullChange={(emptyIsNull) => updateBatch({ emptyIsNull })}
            />
          ) : (
            <ParamInputs fields={fields} onChange={updateParam} />
          ))}
        {scan.max === 0 && tab.batch.enabled && (
          <p className="text-sm text-muted">
            Batch mode sends one row of values per run of the statement: use parameters{' '}
            <code className="font-mono">$1</code>, <code className="font-mono">$2</code> … in the
            SQL to get a grid of rows here.
          </p>
        )}
        {scan.invalid.length > 0 && (
          <p className="text-sm text-danger">
            {scan.invalid.join(', ')}: parameters are numbered from $1 to $65535.
          </p>
        )}

        {problem && (
          <FormAlert>
            <span className="flex items-start justify-between gap-2">
              {problem.message}
              <button
                type="button"
                aria-label="Dismiss"
                className="shrink-0 rounded p-0.5 hover:bg-danger/10"
                onClick={() => setProblem(null)}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </span>
          </FormAlert>
        )}

        <RunPanel
          state={runState}
          onShowError={markerStart !== undefined ? showError : undefined}
        />
      </div>

      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title="Run a destructive statement?"
        description={
          <>
            <p>{confirm?.reason}.</p>
            <p>This cannot be undone.</p>
          </>
        }
        confirmLabel="Run it"
        onConfirm={() => {
          confirm?.run();
          setConfirm(null);
        }}
      />
      <LazyMount when={historyOpen}>
        <HistoryDialog
          open={historyOpen}
          onOpenChange={setHistoryOpen}
          entries={history}
          onOpen={(entry) => openEntry(entry, false)}
          onRun={(entry) => openEntry(entry, true)}
          onDelete={(entry) => store.removeHistory(entry.id)}
          onClear={() => store.clearHistory()}
        />
      </LazyMount>
      <LazyMount when={snippetsOpen}>
        <SnippetsDialog
          open={snippetsOpen}
          onOpenChange={setSnippetsOpen}
          snippets={snippets}
          onOpen={openSnippet}
          onDelete={(snippet) => {
            deleteSnippet(snippet.id);
            toast(`Snippet ${snippet.name} deleted`);
          }}
        />
      </LazyMount>
      <LazyMount when={saveOpen}>
        <SaveSnippetDialog
          open={saveOpen}
          onOpenChange={setSaveOpen}
          defaultName={tab.title ?? tab.sql.trim().split('\n')[0]!.slice(0, 60)}
          existingNames={new Set(snippets.map((snippet) => snippet.name))}
          onSave={saveSnippet}
        />
      </LazyMount>
    </>
  );
}
