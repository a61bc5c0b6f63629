import type * as Monaco from 'monaco-editor/editor';
import {
  completionSite,
  suggestions,
  tablesToDescribe,
  type ColumnInfo,
  type SuggestionKind,
} from '../lib/completion';
import { SQL_LANGUAGE_ID } from './pgsql-language';

/** Where completion gets the workspace's names; the screen provides it (from React Query). */
export interface SchemaSource {
  workspaceId: string;
  tables: () => Promise<string[]>;
  columns: (table: string) => Promise<ColumnInfo[]>;
}

let source: SchemaSource | null = null;

/** The mounted SQL editor's schema (there is one SQL screen at a time). */
export function setSchemaSource(next: SchemaSource | null): void {
  source = next;
}

let registered = false;

export function registerCompletion(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  const kinds: Record<SuggestionKind, Monaco.languages.CompletionItemKind> = {
    keyword: monaco.languages.CompletionItemKind.Keyword,
    function: monaco.languages.CompletionItemKind.Function,
    type: monaco.languages.CompletionItemKind.TypeParameter,
    schema: monaco.languages.CompletionItemKind.Module,
    table: monaco.languages.CompletionItemKind.Struct,
    column: monaco.languages.CompletionItemKind.Field,
  };
  monaco.languages.registerCompletionItemProvider(SQL_LANGUAGE_ID, {
    triggerCharacters: ['.', '"'],
    provideCompletionItems: async (model, position) => {
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const site = completionSite(text, offset);
      if (site.suppressed) return { suggestions: [] };
      const current = source;
      const workspaceId = current?.workspaceId ?? '';
      // Names that fail to load leave the keywords: completion never blocks typing.
      const tables = current ? await current.tables().catch(() => []) : [];
      const wanted = tablesToDescribe(site, { workspaceId, tables });
      const columns = new Map<string, ColumnInfo[]>();
      await Promise.all(
        wanted.map(async (table) => {
          const list = await current!.columns(table).catch(() => null);
          if (list) columns.set(table, list);
        }),
      );
      const start = model.getPositionAt(site.wordStart);
      const range = new monaco.Range(
        start.lineNumber,
        start.column,
        position.lineNumber,
        position.column,
      );
      return {
        suggestions: suggestions(site, { workspaceId, tables, columns }).map((item) => ({
          label: item.detail ? { label: item.label, description: item.detail } : item.label,
          kind: kinds[item.kind],
          insertText: item.insertText,
          filterText: item.insertText,
          sortText: item.sortText,
          range,
        })),
      };
    },
  });
}
