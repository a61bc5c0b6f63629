import { ChevronDown, ChevronUp, Copy } from 'lucide-react';
import type { KeyboardEvent, ReactNode } from 'react';
import {
  cellText,
  copyText,
  formatTypeName,
  FullValue,
  type GridColumn,
} from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { SideSheet } from './side-sheet';

/** Every column of one row, one under the other, laid out for reading. */
export function RowDetailSheet({
  columns,
  values,
  rowNumber,
  onPrevious,
  onNext,
  onClose,
  renderValue,
  extra,
}: {
  columns: readonly GridColumn[];
  values: readonly unknown[];
  rowNumber: number;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
  onClose: () => void;
  /** Overrides a value's body (file ids as thumbnails); undefined keeps the default. */
  renderValue?: (columnIndex: number, value: unknown) => ReactNode | undefined;
  /** Actions for the row (Find similar). */
  extra?: ReactNode;
}) {
  // J and K, as in mail and feed readers; arrow keys stay with the scrolling panel.
  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select')) {
      return;
    }
    const move = event.key === 'k' ? onPrevious : event.key === 'j' ? onNext : undefined;
    if (!move) return;
    event.preventDefault();
    move();
  }

  return (
    <SideSheet
      title={`Row ${rowNumber.toLocaleString('en-US')}`}
      description={`${columns.length} columns. J and K move to the next and previous row.`}
      onClose={onClose}
      onKeyDown={onKeyDown}
      actions={
        <>
          <IconButton
            label="Previous row"
            title="Previous row (K)"
            icon={ChevronUp}
            // aria-disabled, not disabled: the button keeps the focus at the first or last row.
            aria-disabled={!onPrevious}
            className="aria-disabled:opacity-40"
            onClick={() => onPrevious?.()}
          />
          <IconButton
            label="Next row"
            title="Next row (J)"
            icon={ChevronDown}
            // aria-disabled, not disabled: the button keeps the focus at the first or last row.
            aria-disabled={!onNext}
            className="aria-disabled:opacity-40"
            onClick={() => onNext?.()}
          />
        </>
      }
    >
      <div>
        {extra && <div className="border-b border-border px-5 py-3">{extra}</div>}
        <dl className="divide-y divide-border">
          {columns.map((column, index) => {
            const value = values[index];
            const custom = renderValue?.(index, value);
            return (
              <div key={`${index}:${column.name}`} className="group px-5 py-3">
                <dt className="mb-1 flex items-baseline gap-2">
                  <span className="font-medium break-all">{column.name}</span>
                  {column.type && (
                    <span className="font-mono text-xs text-muted">
                      {formatTypeName(column.type)}
                    </span>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    className="ml-auto h-6 px-1.5 text-xs"
                    aria-label={`Copy ${column.name}`}
                    onClick={() => void copyText(cellText(value, column.type), column.name)}
                  >
                    <Copy aria-hidden className="size-3.5" />
                    Copy
                  </Button>
                </dt>
                <dd className="max-h-80 overflow-auto text-sm">
                  {custom === undefined ? <FullValue value={value} type={column.type} /> : custom}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
    </SideSheet>
  );
}
