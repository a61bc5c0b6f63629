import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { toast } from 'sonner';
import type * as Monaco from 'monaco-editor/editor';
import { formatSql } from '../lib/format-sql';
import type { TextRange } from '../lib/statements';
import { registerCompletion, setSchemaSource, type SchemaSource } from './completion-provider';
import { monaco } from './monaco-setup';
import { SQL_LANGUAGE_ID } from './pgsql-language';
import { DARK_THEME, LIGHT_THEME } from './themes';

/**
 * The SQL screen's Monaco editor: one model per editor tab (so each keeps its own undo
 * history and scroll position), Ctrl/Cmd+Enter to run, formatting, completion of the
 * workspace's names, and a marker where the server says an error is. Loaded lazily with
 * Monaco itself.
 */

export interface SqlEditorHandle {
  /** The current text, and the selection (or caret) as offsets into it. */
  snapshot: () => { text: string; selection: TextRange } | null;
  /** Replaces the whole text as one undoable edit. */
  replaceText: (text: string) => void;
  /** Formats the selection, or everything without one. */
  format: () => Promise<void>;
  focus: () => void;
  /** Puts the caret at an offset of the current text and scrolls it into view. */
  reveal: (offset: number) => void;
}

export interface ErrorMarker {
  start: number;
  end: number;
  message: string;
}

export interface SqlEditorProps {
  ref?: Ref<SqlEditorHandle>;
  /** The editor tab: each has its own model. */
  modelId: string;
  /** Text for a model the editor has not seen yet (a tab opened or restored). */
  initialValue: string;
  /** Tabs still open: models of the others are disposed. */
  openModelIds: readonly string[];
  onChange: (text: string) => void;
  onRun: () => void;
  /** Ctrl/Cmd+Shift+Enter: Run script. */
  onRunScript?: () => void;
  marker: ErrorMarker | null;
  dark: boolean;
  label: string;
  schema: SchemaSource;
  /** Called once the editor can take input. */
  onReady?: () => void;
}

const MODEL_SCHEME = 'sql-tab';
const MARKER_OWNER = 'sql-run';

const modelPath = (id: string) => `${MODEL_SCHEME}://tab/${id}.sql`;

let formattingRegistered = false;

/** Shift+Alt+F and the context menu's Format use the same formatter as the Format button. */
function registerFormatting() {
  if (formattingRegistered) return;
  formattingRegistered = true;
  const edit = async (model: Monaco.editor.ITextModel, range: Monaco.IRange) => {
    const result = await formatSql(model.getValueInRange(range));
    if ('error' in result) {
      toast.error(result.error);
      return [];
    }
    return [{ range, text: result.text }];
  };
  monaco.languages.registerDocumentFormattingEditProvider(SQL_LANGUAGE_ID, {
    provideDocumentFormattingEdits: (model) => edit(model, model.getFullModelRange()),
  });
  monaco.languages.registerDocumentRangeFormattingEditProvider(SQL_LANGUAGE_ID, {
    provideDocumentRangeFormattingEdits: (model, range) => edit(model, range),
  });
}

export function SqlEditor({
  ref,
  modelId,
  initialValue,
  openModelIds,
  onChange,
  onRun,
  onRunScript,
  marker,
  dark,
  label,
  schema,
  onReady,
}: SqlEditorProps) {
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  // The run action is bound once at mount; it calls whatever onRun is current.
  const onRunRef = useRef(onRun);
  const onRunScriptRef = useRef(onRunScript);
  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onRunRef.current = onRun;
    onRunScriptRef.current = onRunScript;
    onReadyRef.current = onReady;
  });

  useEffect(() => {
    setSchemaSource(schema);
    return () => setSchemaSource(null);
  }, [schema]);

  useImperativeHandle(
    ref,
    () => ({
      snapshot: () => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return null;
        const selection = editor.getSelection();
        const caret = editor.getPosition();
        const range =
          selection && !selection.isEmpty()
            ? {
                start: model.getOffsetAt(selection.getStartPosition()),
                end: model.getOffsetAt(selection.getEndPosition()),
              }
            : caret
              ? { start: model.getOffsetAt(caret), end: model.getOffsetAt(caret) }
              : { start: 0, end: 0 };
        return { text: model.getValue(), selection: range };
      },
      replaceText: (text) => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return;
        editor.pushUndoStop();
        editor.executeEdits('replace', [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
      },
      format: async () => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return;
        const selection = editor.getSelection();
        const range = selection && !selection.isEmpty() ? selection : model.getFullModelRange();
        const before = model.getAlternativeVersionId();
        const result = await formatSql(model.getValueInRange(range));
        if ('error' in result) {
          toast.error(result.error);
          return;
        }
        // The text changed while formatting ran: applying it now would undo that typing.
        if (model.getAlternativeVersionId() !== before || model.isDisposed()) return;
        editor.pushUndoStop();
        editor.executeEdits('format', [{ range, text: result.text }]);
        editor.pushUndoStop();
        editor.focus();
      },
      focus: () => editorRef.current?.focus(),
      reveal: (offset) => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return;
        const position = model.getPositionAt(offset);
        editor.setPosition(position);
        editor.revealPositionInCenterIfOutsideViewport(position);
        editor.focus();
      },
    }),
    [],
  );

  // Models of closed tabs go, so their text does not linger in memory.
  useEffect(() => {
    const open = new Set(openModelIds.map((id) => monaco.Uri.parse(modelPath(id)).toString()));
    for (const model of monaco.editor.getModels()) {
      if (model.uri.scheme === MODEL_SCHEME && !open.has(model.uri.toString())) model.dispose();
    }
  }, [openModelIds]);

  useEffect(() => {
    const model = monaco.editor.getModel(monaco.Uri.parse(modelPath(modelId)));
    if (!model) return;
    if (marker === null) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      return;
    }
    const start = model.getPositionAt(marker.start);
    const end = model.getPositionAt(Math.max(marker.end, marker.start + 1));
    monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      {
        severity: monaco.MarkerSeverity.Error,
        message: marker.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      },
    ]);
  }, [marker, modelId]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    registerCompletion(monaco);
    registerFormatting();
    editor.addAction({
      id: 'deeplake.run',
      label: 'Run statement or selection',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 0,
      run: () => onRunRef.current(),
    });
    editor.addAction({
      id: 'deeplake.runScript',
      label: 'Run script (every statement)',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 1,
      run: () => onRunScriptRef.current?.(),
    });
    editor.focus();
    onReadyRef.current?.();
  };

  return (
    <Editor
      path={modelPath(modelId)}
      defaultValue={initialValue}
      defaultLanguage={SQL_LANGUAGE_ID}
      theme={dark ? DARK_THEME : LIGHT_THEME}
      onChange={(value) => onChange(value ?? '')}
      onMount={onMount}
      loading={<span className="text-sm text-muted">Starting the editor…</span>}
      options={{
        ariaLabel: label,
        placeholder:
          'Write SQL here. Ctrl+Enter runs the statement at the cursor, or the selection.',
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        renderLineHighlight: 'line',
        tabSize: 2,
        wordWrap: 'on',
        fixedOverflowWidgets: true,
        quickSuggestions: { other: true, comments: false, strings: false },
        suggestOnTriggerCharacters: true,
        wordBasedSuggestions: 'currentDocument',
        padding: { top: 8, bottom: 8 },
      }}
    />
  );
}
