import type * as Monaco from 'monaco-editor/editor';

/**
 * Editor themes drawn from the console's own palette (src/app/styles.css), so the editor sits
 * on the same surface as the panels around it in both colour schemes. Token colours keep at
 * least 4.5:1 against the background.
 */
export const LIGHT_THEME = 'deeplake-light';
export const DARK_THEME = 'deeplake-dark';

export function defineThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '4338ca', fontStyle: 'bold' },
      { token: 'type', foreground: '0e7490' },
      { token: 'predefined', foreground: '9d174d' },
      { token: 'string', foreground: 'a1400b' },
      { token: 'string.escape', foreground: '92400e' },
      { token: 'string.dollar', foreground: 'a1400b', fontStyle: 'bold' },
      { token: 'number', foreground: '166534' },
      { token: 'comment', foreground: '5f6b7a', fontStyle: 'italic' },
      { token: 'variable.parameter', foreground: 'b91c1c', fontStyle: 'bold' },
      { token: 'identifier.quote', foreground: '374151' },
      { token: 'operator', foreground: '374151' },
    ],
    colors: {
      'editor.background': '#ffffff',
      'editor.foreground': '#111827',
      'editorLineNumber.foreground': '#6b7280',
      'editorLineNumber.activeForeground': '#111827',
      'editor.lineHighlightBackground': '#f1f3f6',
      'editor.selectionBackground': '#c7d2fe',
      'editorCursor.foreground': '#4338ca',
      'editorWidget.background': '#ffffff',
      'editorWidget.border': '#dee1e7',
    },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: 'a5b4fc', fontStyle: 'bold' },
      { token: 'type', foreground: '67e8f9' },
      { token: 'predefined', foreground: 'f9a8d4' },
      { token: 'string', foreground: 'fdba74' },
      { token: 'string.escape', foreground: 'fcd34d' },
      { token: 'string.dollar', foreground: 'fdba74', fontStyle: 'bold' },
      { token: 'number', foreground: '86efac' },
      { token: 'comment', foreground: '9ca3b2', fontStyle: 'italic' },
      { token: 'variable.parameter', foreground: 'fca5a5', fontStyle: 'bold' },
      { token: 'identifier.quote', foreground: 'd1d5db' },
      { token: 'operator', foreground: 'd1d5db' },
    ],
    colors: {
      'editor.background': '#14171f',
      'editor.foreground': '#eaecf1',
      'editorLineNumber.foreground': '#8b93a3',
      'editorLineNumber.activeForeground': '#eaecf1',
      'editor.lineHighlightBackground': '#1e222c',
      'editor.selectionBackground': '#3b4270',
      'editorCursor.foreground': '#8c96fa',
      'editorWidget.background': '#1e222c',
      'editorWidget.border': '#303642',
    },
  });
}
