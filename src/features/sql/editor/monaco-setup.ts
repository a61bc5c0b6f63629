import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
// Only the editor features the SQL screen uses, so the chunk stays a fraction of the full build.
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
// The suggest widget itself (the feature above only adds its inline form).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerSqlLanguage } from './pgsql-language';
import { defineThemes } from './themes';

/**
 * Monaco from our own bundle (never a CDN), loaded with the SQL screen's editor chunk only.
 * SQL needs just the base editor worker (word-based suggestions, link detection).
 */
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

registerSqlLanguage(monaco);
defineThemes(monaco);
loader.config({ monaco });

export { monaco };
