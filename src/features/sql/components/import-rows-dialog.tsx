import { useId, useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '../../../components/ui/dialog';
import { Select } from '../../../components/ui/select';
import { hasHeader, type Delimiter } from '../lib/delimited';
import { defaultMapping, mapRows, sourceColumns } from '../lib/import-rows';

export interface RowSource {
  /** The file's name, or "Pasted cells". */
  name: string;
  rows: string[][];
  delimiter: Delimiter;
}

const DELIMITER_NAMES: Record<Delimiter, string> = {
  '\t': 'tab-separated',
  ',': 'comma-separated',
  ';': 'semicolon-separated',
};

const NONE = 'none';
const PREVIEW_ROWS = 5;

/**
 * Maps the columns of a CSV file or of pasted cells to the parameters $1 … $n, with a preview,
 * then replaces or extends the batch's rows.
 */
export function ImportRowsDialog({
  source,
  paramCount,
  paramNames,
  hasRows,
  onImport,
  onClose,
}: {
  source: RowSource;
  paramCount: number;
  paramNames: ReadonlyMap<number, string>;
  /** The grid already holds rows someone entered. */
  hasRows: boolean;
  onImport: (rows: string[][], mode: 'replace' | 'append') => void;
  onClose: () => void;
}) {
  const id = useId();
  const [header, setHeader] = useState(() => hasHeader(source.rows));
  const columns = useMemo(() => sourceColumns(source.rows, header), [source.rows, header]);
  const [mapping, setMapping] = useState(() =>
    defaultMapping(sourceColumns(source.rows, header), header, paramCount, paramNames),
  );
  const [mode, setMode] = useState<'replace' | 'append'>(hasRows ? 'append' : 'replace');
  const bodyRows = source.rows.length - (header ? 1 : 0);
  const preview = useMemo(
    () => mapRows(source.rows.slice(0, PREVIEW_ROWS + 1), header, mapping).slice(0, PREVIEW_ROWS),
    [source.rows, header, mapping],
  );
  const options = [
    { value: NONE, label: '(leave empty)' },
    ...columns.map((name, k) => ({ value: String(k), label: name })),
  ];

  function toggleHeader(next: boolean) {
    setHeader(next);
    setMapping(defaultMapping(sourceColumns(source.rows, next), next, paramCount, paramNames));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onImport(mapRows(source.rows, header, mapping), mode);
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title="Import parameter rows"
        description={`${source.name}: ${bodyRows.toLocaleString()} ${bodyRows === 1 ? 'row' : 'rows'}, ${columns.length} ${columns.length === 1 ? 'column' : 'columns'}, ${DELIMITER_NAMES[source.delimiter]}.`}
        className="max-w-2xl"
      >
        <form onSubmit={submit} className="space-y-4">
          <label className="flex items-center gap-2 text-sm text-fg">
            <input
              type="checkbox"
              className="size-4 accent-[rgb(var(--color-accent))]"
              checked={header}
              onChange={(event) => toggleHeader(event.target.checked)}
            />
            The first row holds column names
          </label>

          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium text-fg">Columns for the parameters</legend>
            {mapping.map((column, p) => (
              <div key={p} className="grid grid-cols-[3rem_minmax(0,1fr)] items-center gap-2">
                <span id={`${id}-p${p}`} className="font-mono text-sm font-semibold">
                  ${p + 1}
                </span>
                <Select
                  aria-label={`Column for $${p + 1}`}
                  value={column === null ? NONE : String(column)}
                  options={options}
                  onValueChange={(value) =>
                    setMapping((current) =>
                      current.map((k, q) =>
                        q === p ? (value === NONE ? null : Number(value)) : k,
                      ),
                    )
                  }
                />
              </div>
            ))}
          </fieldset>

          {preview.length > 0 && (
            <div className="overflow-x-auto rounded border border-border">
              <table className="w-full text-left font-mono text-xs">
                <caption className="sr-only">Preview of the first rows</caption>
                <thead>
                  <tr>
                    {mapping.map((_, p) => (
                      <th
                        key={p}
                        scope="col"
                        className="border-b border-border bg-raised px-2 py-1"
                      >
                        ${p + 1}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.map((row, r) => (
                    <tr key={r} className="border-b border-border last:border-b-0">
                      {row.map((cell, p) => (
                        <td key={p} className="max-w-48 truncate px-2 py-1">
                          {cell === '' ? <span className="text-muted">empty</span> : cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {hasRows && (
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="sr-only">Rows already in the grid</legend>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  className="accent-[rgb(var(--color-accent))]"
                  checked={mode === 'append'}
                  onChange={() => setMode('append')}
                />
                Add after the current rows
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  className="accent-[rgb(var(--color-accent))]"
                  checked={mode === 'replace'}
                  onChange={() => setMode('replace')}
                />
                Replace the current rows
              </label>
            </fieldset>
          )}

          <DialogFooter>
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={bodyRows === 0}>
              Import {bodyRows.toLocaleString()} {bodyRows === 1 ? 'row' : 'rows'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
