import clsx from 'clsx';
import { Popover } from 'radix-ui';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TableColumn } from '../../../../contract/tables';
import { formatTypeName } from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { editorKind, inputText, parseInput } from './cell-input';
import { FilePicker } from './file-picker';

/** Where a uuid column's editor finds files to pick, and whether the column holds file ids. */
export interface FileChoice {
  orgId: string;
  workspaceId: string;
  /** The column is known to hold file ids: the picker opens with the editor. */
  holdsFiles: boolean;
}

const fieldClasses = clsx(
  'block w-full rounded border border-border bg-surface px-2 py-1.5 font-mono text-sm text-fg',
  'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent',
  'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger',
);

const PLACEHOLDERS: Record<string, string> = {
  json: '{"key": "value"}',
  array: '["a", "b"] or [1, 2]',
  date: 'YYYY-MM-DD',
  timestamp: 'YYYY-MM-DD HH:MM:SS',
  uuid: '00000000-0000-0000-0000-000000000000',
};

/**
 * The editor of one cell, next to it: a field fit for the column's type, checked as it is
 * typed. Enter stages the value (Shift+Enter is a new line in JSON), Escape leaves it.
 */
export function CellEditor({
  column,
  value,
  onStage,
  onClose,
  files,
}: {
  column: TableColumn;
  value: unknown;
  files?: FileChoice;
  onStage: (value: unknown) => void;
  onClose: () => void;
}) {
  const kind = editorKind(column.type);
  const [text, setText] = useState(() =>
    kind === 'boolean' && typeof value === 'boolean'
      ? String(value)
      : inputText(value, column.type),
  );
  const [isNull, setIsNull] = useState(false);
  const [touched, setTouched] = useState(false);
  // A NULL opens as an empty field to type into; left untouched it stays NULL (for text too).
  const parsed =
    isNull || (!touched && value === null)
      ? ({ ok: true, value: null } as const)
      : parseInput(text, column.type);
  const errorId = useId();
  // The cell that had the focus gets it back, so arrow keys go on from where the edit was.
  const [returnTo] = useState(() => document.activeElement as HTMLElement | null);
  const fieldRef = useRef<HTMLElement>(null);
  const [picking, setPicking] = useState(files?.holdsFiles === true && kind === 'uuid');

  const stage = () => {
    if (!parsed.ok) return;
    // Untouched, the value stays as it came (a numeric sent as text is not re-read as a number).
    if (touched || isNull) onStage(parsed.value);
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !(event.shiftKey && event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      stage();
    }
  };
  const field = {
    'aria-label': `New value of ${column.name}`,
    'aria-invalid': parsed.ok ? undefined : true,
    'aria-describedby': parsed.ok ? undefined : errorId,
    onKeyDown,
    className: fieldClasses,
  };

  return (
    <Popover.Root open onOpenChange={(open) => !open && onClose()}>
      <Popover.Anchor className="pointer-events-none absolute inset-0" />
      <Popover.Portal>
        <Popover.Content
          side="bottom"
          align="start"
          sideOffset={2}
          collisionPadding={12}
          aria-label={`Edit ${column.name}`}
          className="z-50 w-[min(26rem,calc(100vw-2rem))] space-y-2 rounded-md border border-border bg-surface p-3 text-fg shadow-xl"
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            fieldRef.current?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnTo?.focus();
          }}
        >
          <div className="flex items-baseline gap-2 text-sm">
            <span className="min-w-0 flex-1 truncate font-semibold">{column.name}</span>
            <span className="font-mono text-xs text-muted">{formatTypeName(column.type)}</span>
          </div>
          {isNull ? (
            <p className="rounded border border-dashed border-border px-2 py-1.5 text-sm text-muted italic">
              NULL
            </p>
          ) : kind === 'boolean' ? (
            <select
              {...field}
              ref={fieldRef as React.RefObject<HTMLSelectElement>}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setTouched(true);
              }}
            >
              {text === '' && (
                <option value="" disabled>
                  Choose…
                </option>
              )}
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : kind === 'json' || (kind === 'text' && text.includes('\n')) ? (
            <textarea
              {...field}
              ref={fieldRef as React.RefObject<HTMLTextAreaElement>}
              rows={5}
              value={text}
              placeholder={PLACEHOLDERS[kind]}
              onChange={(event) => {
                setText(event.target.value);
                setTouched(true);
              }}
            />
          ) : (
            <input
              {...field}
              ref={fieldRef as React.RefObject<HTMLInputElement>}
              value={text}
              inputMode={kind === 'integer' || kind === 'decimal' ? 'decimal' : undefined}
              placeholder={PLACEHOLDERS[kind]}
              onChange={(event) => {
                setText(event.target.value);
                setTouched(true);
              }}
            />
          )}
          {files && kind === 'uuid' && !isNull && (
            <>
              {picking ? (
                <FilePicker
                  orgId={files.orgId}
                  workspaceId={files.workspaceId}
                  selected={text}
                  onPick={(id) => {
                    setText(id);
                    setTouched(true);
                  }}
                />
              ) : (
                <Button size="sm" variant="ghost" onClick={() => setPicking(true)}>
                  Choose a file…
                </Button>
              )}
            </>
          )}
          {!parsed.ok && (
            <p id={errorId} role="alert" className="text-xs text-danger">
              {parsed.error}
            </p>
          )}
          <div className="flex items-center gap-2">
            {column.nullable &&
              (isNull ? (
                <Button size="sm" variant="ghost" onClick={() => setIsNull(false)}>
                  Enter a value
                </Button>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => setIsNull(true)}>
                  Set NULL
                </Button>
              ))}
            <span className="flex-1" />
            <Button size="sm" variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" disabled={!parsed.ok} onClick={stage}>
              Stage
            </Button>
          </div>
          {(kind === 'json' || text.includes('\n')) && (
            <p className="text-xs text-muted">Enter stages, Shift+Enter starts a new line.</p>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
