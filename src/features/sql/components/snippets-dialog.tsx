import { SquarePen, Trash2 } from 'lucide-react';
import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogContent, DialogFormFooter } from '../../../components/ui/dialog';
import { Input, TextField } from '../../../components/ui/input';
import { matchesSearch, paramsText, type Snippet } from '../lib/saved-state';

/** Saved statements with names, for every workspace: search, open in a tab, delete. */
export function SnippetsDialog({
  open,
  onOpenChange,
  snippets,
  onOpen,
  onDelete,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  snippets: readonly Snippet[];
  onOpen: (snippet: Snippet) => void;
  onDelete: (snippet: Snippet) => void;
}) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const matches = useMemo(
    () =>
      snippets
        .filter((snippet) => matchesSearch(snippet, deferred))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [snippets, deferred],
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Snippets"
        description="Saved statements with their parameters, for every workspace. Kept in this browser."
        className="max-w-3xl"
      >
        <Input
          type="search"
          aria-label="Search snippets"
          placeholder="Search names, SQL and values"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {snippets.length === 0 ? (
          <p className="mt-3 text-sm text-muted">
            No snippets yet. Use <strong>Save snippet</strong> to keep the current tab’s SQL under a
            name.
          </p>
        ) : (
          <ul aria-label="Saved snippets" className="mt-3 max-h-[60vh] space-y-2 overflow-y-auto">
            {matches.map((snippet) => (
              <li key={snippet.id} className="rounded border border-border bg-canvas p-3">
                <div className="mb-1 flex items-center gap-2">
                  <span className="mr-auto truncate text-sm font-medium text-fg">
                    {snippet.name}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Open snippet ${snippet.name}`}
                    onClick={() => onOpen(snippet)}
                  >
                    <SquarePen aria-hidden className="size-4" />
                    Open
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Delete snippet ${snippet.name}`}
                    title="Delete snippet"
                    onClick={() => onDelete(snippet)}
                  >
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
                <pre className="max-h-24 overflow-hidden font-mono text-xs whitespace-pre-wrap text-fg">
                  {snippet.sql}
                </pre>
                {snippet.params.length > 0 && (
                  <p className="mt-1 truncate font-mono text-xs text-muted">
                    {paramsText(snippet.params)}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** Names the current tab's SQL and parameters as a snippet; an existing name is replaced. */
export function SaveSnippetDialog({
  open,
  onOpenChange,
  defaultName,
  existingNames,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  defaultName: string;
  existingNames: ReadonlySet<string>;
  onSave: (name: string) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Save snippet"
        description="Keeps this tab’s SQL and parameter values under a name."
      >
        {open && (
          <SaveSnippetForm
            defaultName={defaultName}
            existingNames={existingNames}
            onSave={onSave}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function SaveSnippetForm({
  defaultName,
  existingNames,
  onSave,
}: {
  defaultName: string;
  existingNames: ReadonlySet<string>;
  onSave: (name: string) => void;
}) {
  const [name, setName] = useState(defaultName);
  const [touched, setTouched] = useState(false);
  const trimmed = name.trim();
  const error = trimmed === '' ? 'Give the snippet a name.' : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (error === null) onSave(trimmed);
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label="Name"
        value={name}
        autoFocus
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        error={touched ? error : null}
        hint={
          existingNames.has(trimmed)
            ? 'A snippet with this name exists; saving replaces it.'
            : undefined
        }
      />
      <DialogFormFooter submitLabel="Save snippet" pending={false} />
    </form>
  );
}
