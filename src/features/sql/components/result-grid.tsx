import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

// Interim grid until the shared DataGrid (src/components/data-grid) is merged; same props.

export interface GridColumn {
  name: string;
  type?: string;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function ResultGrid({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: readonly GridColumn[];
  rows: readonly (readonly unknown[])[];
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 28,
    overscan: 10,
  });
  const template = `4rem repeat(${columns.length}, minmax(9rem, 1fr))`;
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      className="h-96 overflow-auto rounded border border-border bg-surface text-sm"
    >
      <div
        role="row"
        aria-rowindex={1}
        className="sticky top-0 z-10 grid bg-raised"
        style={{ gridTemplateColumns: template }}
      >
        <div role="columnheader" className="px-2 py-1 text-xs text-muted">
          #
        </div>
        {columns.map((column, k) => (
          <div role="columnheader" key={k} className="truncate px-2 py-1 font-medium">
            {column.name} <span className="text-xs text-muted">{column.type}</span>
          </div>
        ))}
      </div>
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="row"
            aria-rowindex={item.index + 2}
            className="absolute inset-x-0 grid border-b border-border/60"
            style={{
              gridTemplateColumns: template,
              transform: `translateY(${item.start}px)`,
              height: 28,
            }}
          >
            <div role="rowheader" className="px-2 py-1 text-xs text-muted">
              {item.index + 1}
            </div>
            {columns.map((_, k) => (
              <div role="gridcell" key={k} className="truncate px-2 py-1 font-mono text-xs">
                {cellText(rows[item.index]![k])}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
