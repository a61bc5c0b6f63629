import { useVirtualizer } from '@tanstack/react-virtual';
import clsx from 'clsx';
import { FileUp, Plus, Trash2, X } from 'lucide-react';
import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useDropzone } from 'react-dropzone';
import { toast } from 'sonner';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { filledRows, type CellError } from '../lib/batch';
import { hasHeader, parseDelimited } from '../lib/delimited';
import type { ParamType } from '../lib/parameters';
import { ImportRowsDialog, type RowSource } from './import-rows-dialog';
import { TYPE_OPTIONS, type ParamField } from '../lib/param-fields';
import type { ParamChange } from '../state/tab-edits';

const ROW_HEIGHT = 36;
/** Larger files would make the browser hold several copies of them as text and rows. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Batch mode's parameter rows: a grid with one row per parameter set and one column per
 * parameter (virtualized, so a CSV of 100,000 rows scrolls smoothly), filled by typing, by
 * pasting cells from a spreadsheet, or by dropping a CSV file and mapping its columns.
 */
export function BatchPanel({
  fields,
  rows,
  emptyIsNull,
  notKept,
  cellError,
  paramNames,
  onRowsChange,
  onParamChange,
  onEmptyIsNullChange,
}: {
  fields: readonly ParamField[];
  rows: string[][];
  emptyIsNull: boolean;
  /** Rows that were loaded before a reload but were too big to keep. */
  notKept: number | undefined;
  cellError: CellError | null;
  paramNames: ReadonlyMap<number, string>;
  onRowsChange: (rows: string[][]) => void;
  onParamChange: (number: number, change: ParamChange) => void;
  onEmptyIsNullChange: (value: boolean) => void;
}) {
  const [source, setSource] = useState<RowSource | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = fields.length;
  const filled = filledRows(rows);

  // The grid renders on every scroll anyway; nothing memoizes what the virtualizer returns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  function focusCell(row: number, column: number) {
    virtualizer.scrollToIndex(row, { align: 'auto' });
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLInputElement>(`[data-cell="${row}:${column}"]`)?.focus(),
    );
  }

  function setCell(row: number, column: number, value: string) {
    const next = rows.slice();
    const cells = (next[row] ?? []).slice();
    while (cells.length < count) cells.push('');
    cells[column] = value;
    next[row] = cells;
    onRowsChange(next);
  }

  function addRow() {
    onRowsChange([...rows, new Array<string>(count).fill('')]);
    focusCell(rows.length, 0);
  }

  function removeRow(row: number) {
    const next = rows.filter((_, r) => r !== row);
    onRowsChange(next.length === 0 ? [[]] : next);
  }

  async function readFile(file: File) {
    if (file.size > MAX_FILE_BYTES) {
      toast.error(
        `${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB; files up to 200 MB can be loaded here.`,
      );
      return;
    }
    const parsed = parseDelimited(await file.text());
    if (parsed.rows.length === 0) {
      toast.error(`${file.name} holds no rows.`);
      return;
    }
    setSource({ name: file.name, rows: parsed.rows, delimiter: parsed.delimiter });
  }

  const dropzone = useDropzone({
    onDrop: (accepted) => {
      const file = accepted[0];
      if (file) void readFile(file);
    },
    onDropRejected: (rejections) => {
      const name = rejections[0]?.file.name ?? 'That file';
      toast.error(`${name} is not a CSV, TSV or text file.`);
    },
    accept: {
      'text/csv': ['.csv'],
      'text/tab-separated-values': ['.tsv', '.tab'],
      'text/plain': ['.txt'],
    },
    multiple: false,
    noClick: true,
    noKeyboard: true,
  });

  function onPaste(event: ClipboardEvent<HTMLInputElement>, row: number, column: number) {
    const text = event.clipboardData.getData('text/plain');
    // One value goes into the cell as usual; cells from a spreadsheet fill the grid.
    if (!/[\t\n\r]/.test(text)) return;
    event.preventDefault();
    const parsed = parseDelimited(text);
    if (parsed.rows.length === 0) return;
    const width = parsed.rows.reduce((max, cells) => Math.max(max, cells.length), 0);
    if (hasHeader(parsed.rows) || column + width > count) {
      // Column names, or more columns than fit: let the person map them.
      setSource({ name: 'Pasted cells', rows: parsed.rows, delimiter: parsed.delimiter });
      return;
    }
    const next = rows.slice();
    parsed.rows.forEach((cells, r) => {
      const target = row + r;
      const current = (next[target] ?? []).slice();
      while (current.length < count) current.push('');
      cells.forEach((cell, c) => {
        current[column + c] = cell;
      });
      next[target] = current;
    });
    onRowsChange(next);
    toast.success(
      `Pasted ${parsed.rows.length.toLocaleString()} ${parsed.rows.length === 1 ? 'row' : 'rows'}`,
    );
  }

  function onCellKeyDown(event: KeyboardEvent<HTMLInputElement>, row: number, column: number) {
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && !event.ctrlKey && !event.metaKey)) {
      event.preventDefault();
      if (row + 1 < rows.length) focusCell(row + 1, column);
      else if (event.key === 'Enter') addRow();
    } else if (event.key === 'ArrowUp' && row > 0) {
      event.preventDefault();
      focusCell(row - 1, column);
    }
  }

  const columns = `3.5rem repeat(${count}, minmax(8rem, 1fr)) 2.5rem`;

  return (
    <section aria-label="Batch rows" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <p className="mr-auto text-sm text-muted" aria-live="polite">
          {filled.length.toLocaleString()} {filled.length === 1 ? 'row' : 'rows'} — each runs the
          statement once, sent as <code className="font-mono">params_batch</code>.
        </p>
        <label className="flex items-center gap-2 text-sm text-fg">
          <input
            type="checkbox"
            className="size-4 accent-[rgb(var(--color-accent))]"
            checked={emptyIsNull}
            onChange={(event) => onEmptyIsNullChange(event.target.checked)}
          />
          Empty cells are NULL
        </label>
        <Button size="sm" onClick={addRow}>
          <Plus aria-hidden className="size-4" />
          Add row
        </Button>
        <Button size="sm" onClick={dropzone.open}>
          <FileUp aria-hidden className="size-4" />
          Load CSV…
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={filled.length === 0}
          onClick={() => onRowsChange([new Array<string>(count).fill('')])}
        >
          <Trash2 aria-hidden className="size-4" />
          Clear rows
        </Button>
      </div>

      {notKept !== undefined && filled.length === 0 && (
        <p className="rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg">
          The {notKept.toLocaleString()} rows loaded before were too many to keep in the browser;
          load the file again.
        </p>
      )}

      <div
        {...dropzone.getRootProps({
          className: clsx(
            'relative rounded-lg border bg-surface',
            dropzone.isDragActive ? 'border-accent ring-2 ring-accent/40' : 'border-border',
          ),
        })}
      >
        <input {...dropzone.getInputProps({ 'aria-label': 'CSV file of parameter rows' })} />
        <div role="table" aria-label="Parameter rows" aria-rowcount={rows.length + 1}>
          <div role="rowgroup">
            <div
              role="row"
              aria-rowindex={1}
              className="grid border-b border-border bg-raised text-xs font-medium text-muted"
              style={{ gridTemplateColumns: columns }}
            >
              <div role="columnheader" className="px-2 py-2">
                #
              </div>
              {fields.map((field) => (
                <div
                  role="columnheader"
                  key={field.number}
                  className="flex items-center gap-1.5 px-1 py-1"
                >
                  <span className="font-mono font-semibold text-fg">${field.number}</span>
                  <Select
                    size="sm"
                    className="h-7 text-xs"
                    aria-label={`Type of $${field.number}`}
                    value={field.type}
                    options={TYPE_OPTIONS}
                    onValueChange={(type) =>
                      onParamChange(field.number, { type: type as ParamType })
                    }
                  />
                </div>
              ))}
              <div role="columnheader" className="sr-only">
                Remove
              </div>
            </div>
          </div>
          <div ref={scrollRef} role="rowgroup" className="max-h-72 overflow-auto">
            <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const r = item.index;
                const cells = rows[r] ?? [];
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={r + 2}
                    className="absolute inset-x-0 grid items-center border-b border-border/60"
                    style={{
                      gridTemplateColumns: columns,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start}px)`,
                    }}
                  >
                    <div
                      role="rowheader"
                      className="px-2 font-mono text-xs text-muted tabular-nums"
                    >
                      {r + 1}
                    </div>
                    {fields.map((field, c) => {
                      const invalid = cellError?.row === r && cellError.param === field.number;
                      return (
                        <div role="cell" key={field.number} className="px-1">
                          <input
                            data-cell={`${r}:${c}`}
                            aria-label={`Row ${r + 1}, $${field.number}`}
                            aria-invalid={invalid || undefined}
                            title={invalid ? cellError.message : undefined}
                            className={clsx(
                              'h-7 w-full rounded border bg-canvas px-2 font-mono text-xs text-fg',
                              'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent',
                              invalid ? 'border-danger' : 'border-transparent hover:border-border',
                            )}
                            value={cells[c] ?? ''}
                            placeholder={field.type === 'null' ? 'NULL' : emptyIsNull ? 'NULL' : ''}
                            spellCheck={false}
                            autoComplete="off"
                            onChange={(event) => setCell(r, c, event.target.value)}
                            onPaste={(event) => onPaste(event, r, c)}
                            onKeyDown={(event) => onCellKeyDown(event, r, c)}
                          />
                        </div>
                      );
                    })}
                    <div role="cell" className="flex justify-center">
                      <button
                        type="button"
                        aria-label={`Remove row ${r + 1}`}
                        title="Remove row"
                        className="rounded p-1 text-muted hover:bg-raised hover:text-danger focus-visible:outline-2 focus-visible:outline-accent"
                        onClick={() => removeRow(r)}
                      >
                        <X aria-hidden className="size-3.5" />
                      </button>
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        {dropzone.isDragActive && (
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-lg bg-accent/10 text-sm font-medium text-accent">
            Drop the CSV file to map its columns
          </div>
        )}
      </div>
      <p className="text-xs text-muted">
        Paste cells copied from a spreadsheet into any cell, or drop a CSV file on the grid.
      </p>

      {source && (
        <ImportRowsDialog
          source={source}
          paramCount={count}
          paramNames={paramNames}
          hasRows={filled.length > 0}
          onClose={() => setSource(null)}
          onImport={(imported, mode) => {
            setSource(null);
            onRowsChange(mode === 'append' ? [...filled, ...imported] : imported);
            toast.success(
              `Imported ${imported.length.toLocaleString()} ${imported.length === 1 ? 'row' : 'rows'}`,
            );
          }}
        />
      )}
    </section>
  );
}
