import { BookMarked, History, X } from 'lucide-react';
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
import { toast } from 'sonner';
import { Button } from '../../../components/ui/button';
import { FormAlert } from '../../../components/ui/form-alert';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { Skeleton } from '../../../components/ui/skeleton';
import type { WriteAccess } from '../../workspaces';
import type { SqlEditorHandle } from '../editor/sql-editor';
import { useErrorMarker } from '../editor/use-error-marker';
import { usePrefersDark } from '../editor/use-prefers-dark';
import { useSchemaSource } from '../editor/use-schema-source';
import { paramColumnNames } from '../lib/import-rows';
import { paramFields } from '../lib/param-fields';
import { findParameters } from '../lib/parameters';
import type { RunProblem } from '../lib/prepare-run';
import {
  settingsFromSnapshot,
  snapshotParams,
  tabTitle,
  type HistoryEntry,
  type Snippet,
  type SqlTab,
} from '../lib/saved-state';
import { isRunning, runKey, useRunningKeys, useRunState } from '../state/run-store';
import { useSqlRunner } from '../state/sql-runner';
import {
  deleteSnippet,
  saveSnippet,
  snippetStore,
  usePersisted,
  workspaceStore,
} from '../state/sql-store';
import { withBatchChange, withParamChange, type ParamChange } from '../state/tab-edits';
import { useTabFromLink } from '../state/use-tab-from-link';
import { EditorTabs } from './editor-tabs';
import { ParamArea } from './param-area';
import { RunPanel } from './run-panel';
import { SqlToolbar } from './sql-toolbar';
import { useRunActions } from './use-run-actions';

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
  const runner = useSqlRunner(orgId, workspaceId);
  const schema = useSchemaSource(orgId, workspaceId);
  const dark = usePrefersDark();
  const editorRef = useRef<SqlEditorHandle>(null);
  const panelId = useId();
  const [problem, setProblem] = useState<RunProblem | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [snippetsOpen, setSnippetsOpen] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const actions = useRunActions(runner, setProblem);
  useTabFromLink(store);

  const tab = session.tabs.find((candidate) => candidate.id === session.activeTabId)!;
  const runState = useRunState(runKey(orgId, workspaceId, tab.id));
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

  function updateParam(number: number, change: ParamChange) {
    const guessed = fields.find((candidate) => candidate.number === number)?.guessed;
    store.updateTab(tab.id, (current) => withParamChange(current, number, change, guessed));
  }

  function updateBatch(change: Partial<SqlTab['batch']>) {
    store.updateTab(tab.id, (current) => withBatchChange(current, change));
    if (change.rows !== undefined && problem?.cell) setProblem(null);
  }

  /** The editor's text and selection (the tab's text, cursor at the end, before it loads). */
  function snapshot() {
    return (
      editorRef.current?.snapshot() ?? {
        text: tab.sql,
        selection: { start: tab.sql.length, end: tab.sql.length },
      }
    );
  }

  function runActive() {
    const { text, selection } = snapshot();
    actions.run(tab, text, selection);
  }

  function runScript() {
    const { text, selection } = snapshot();
    actions.runScript(tab, text, selection);
  }

  function explain(analyze: boolean) {
    const { text, selection } = snapshot();
    actions.explain(tab, text, selection, analyze);
  }

  function closeTab(id: string) {
    const index = session.tabs.findIndex((candidate) => candidate.id === id);
    const closing = session.tabs[index];
    if (!closing) return;
    const title = tabTitle(closing, index);
    const reopen = store.closeTab(id);
    runner.drop(id);
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
    if (entry.script) actions.runScript(opened, entry.sql, { start: 0, end: 0 });
    else actions.run(opened, entry.sql, { start: entry.sql.length, end: entry.sql.length });
  }

  function openSnippet(snippet: Snippet) {
    store.openTab({
      sql: snippet.sql,
      title: snippet.name,
      params: settingsFromSnapshot(snippet.params),
    });
    setSnippetsOpen(false);
  }

  function saveAsSnippet(name: string) {
    const params = snapshotParams(
      tab.params,
      fields.map((field) => field.number),
    ).map((snapshot, k) => ({ ...snapshot, type: fields[k]!.type }));
    saveSnippet(name, tab.sql, params);
    store.updateTab(tab.id, (current) => ({ ...current, title: name }));
    setSaveOpen(false);
    toast.success(`Snippet ${name} saved`);
  }

  // Ctrl/Cmd(+Shift)+Enter from a parameter input or the batch grid too (Monaco has its own).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    if ((event.target as HTMLElement).closest('.monaco-editor')) return;
    event.preventDefault();
    if (event.shiftKey) runScript();
    else runActive();
  }

  const marker = useErrorMarker(runState, tab.sql);
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
        <SqlToolbar
          running={isRunning(runState)}
          canSave={tab.sql.trim() !== ''}
          batchEnabled={tab.batch.enabled}
          continueOnError={actions.continueOnError}
          access={access}
          onRun={runActive}
          onRunScript={runScript}
          onCancel={() => runner.cancel(tab.id)}
          onExplain={explain}
          onContinueOnErrorChange={actions.setContinueOnError}
          onFormat={() => void editorRef.current?.format()}
          onSave={() => setSaveOpen(true)}
          onBatchChange={(enabled) => updateBatch({ enabled })}
        />

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
              onRunScript={runScript}
              marker={marker}
              dark={dark}
              label="SQL editor"
              schema={schema}
            />
          </Suspense>
        </div>
        <p className="-mt-2 text-xs text-muted">
          Ctrl+Enter runs the selection or the statement at the cursor; Ctrl+Shift+Enter runs every
          statement. Ctrl+Space suggests names; Ctrl+M makes Tab move the focus out of the editor.
        </p>

        <ParamArea
          scan={scan}
          fields={fields}
          batch={tab.batch}
          cellError={problem?.cell ?? null}
          paramNames={paramNames}
          onParamChange={updateParam}
          onBatchChange={updateBatch}
        />

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
          orgId={orgId}
          workspaceId={workspaceId}
        />
      </div>

      {actions.dialog}
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
          onSave={saveAsSnippet}
        />
      </LazyMount>
    </>
  );
}
