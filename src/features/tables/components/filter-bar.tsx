import clsx from 'clsx';
import { Filter, Plus, X } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { TableColumn } from '../../../../contract/tables';
import { formatTypeName } from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { FieldLabel, Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import {
  describeFilter,
  FILTER_LABELS,
  FILTER_OPERATORS,
  takesValue,
  type ColumnFilter,
  type FilterOperator,
} from '../lib/table-query';

/**
 * The filters of the data view as chips (each opens its editor, × removes it) and "Add filter".
 * Filters on columns the table does not have stay visible, marked, until removed.
 */
export function FilterBar({
  columns,
  filters,
  onChange,
}: {
  columns: readonly TableColumn[];
  filters: readonly ColumnFilter[];
  onChange: (filters: ColumnFilter[]) => void;
}) {
  const known = new Set(columns.map((c) => c.name));
  const replace = (index: number, filter: ColumnFilter | null) => {
    const next = [...filters];
    if (filter) next.splice(index, 1, filter);
    else next.splice(index, 1);
    onChange(next);
  };

  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
      <Filter aria-hidden className="size-4 text-muted" />
      {filters.map((filter, index) => {
        const unknown = !known.has(filter.column);
        const description = describeFilter(filter);
        return (
          <span
            key={`${index}:${filter.column}:${filter.op}`}
            className={clsx(
              'inline-flex max-w-full items-center rounded-full border text-sm',
              unknown
                ? 'border-warning/50 bg-warning/10 text-fg line-through decoration-warning'
                : 'border-accent/30 bg-accent/10 text-fg',
            )}
          >
            <FilterPopover
              columns={columns}
              initial={filter}
              onApply={(next) => replace(index, next)}
              trigger={
                <button
                  type="button"
                  className="max-w-[28rem] truncate rounded-l-full py-0.5 pr-1 pl-3 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                  aria-label={`Edit filter: ${description}`}
                >
                  <span className="font-mono">{filter.column}</span>{' '}
                  <span className="text-muted">{FILTER_LABELS[filter.op]}</span>
                  {takesValue(filter.op) && (
                    <>
                      {' '}
                      <span className="font-medium">“{filter.value}”</span>
                    </>
                  )}
                </button>
              }
            />
            <button
              type="button"
              className="rounded-r-full py-1 pr-2 pl-1 text-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
              aria-label={`Remove filter: ${description}`}
              onClick={() => replace(index, null)}
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </span>
        );
      })}
      <FilterPopover
        columns={columns}
        initial={null}
        onApply={(filter) => onChange([...filters, filter])}
        trigger={
          <Button size="sm" variant="ghost" disabled={columns.length === 0}>
            <Plus aria-hidden className="size-4" />
            Add filter
          </Button>
        }
      />
      {filters.length > 1 && (
        <Button size="sm" variant="ghost" onClick={() => onChange([])}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

function FilterPopover({
  columns,
  initial,
  onApply,
  trigger,
}: {
  columns: readonly TableColumn[];
  initial: ColumnFilter | null;
  onApply: (filter: ColumnFilter) => void;
  trigger: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={6}
          collisionPadding={12}
          aria-label={initial ? 'Edit filter' : 'Add filter'}
          className="z-50 w-80 rounded-md border border-border bg-surface p-4 text-fg shadow-xl"
        >
          <FilterForm
            columns={columns}
            initial={initial}
            onApply={(filter) => {
              onApply(filter);
              setOpen(false);
            }}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function FilterForm({
  columns,
  initial,
  onApply,
}: {
  columns: readonly TableColumn[];
  initial: ColumnFilter | null;
  onApply: (filter: ColumnFilter) => void;
}) {
  const id = useId();
  const firstColumn = columns[0]?.name ?? '';
  const [column, setColumn] = useState(
    initial && columns.some((c) => c.name === initial.column) ? initial.column : firstColumn,
  );
  const [op, setOp] = useState<FilterOperator>(initial?.op ?? 'eq');
  const [value, setValue] = useState(initial?.value ?? '');
  const type = columns.find((c) => c.name === column)?.type;

  function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    if (!column) return;
    onApply({ column, op, value: takesValue(op) ? value : '' });
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div className="space-y-1.5">
        <FieldLabel htmlFor={`${id}-column`}>Column</FieldLabel>
        <Select
          id={`${id}-column`}
          size="sm"
          value={column}
          onValueChange={setColumn}
          options={columns.map((c) => ({
            value: c.name,
            label: c.name,
            detail: formatTypeName(c.type),
          }))}
        />
      </div>
      <div className="space-y-1.5">
        <FieldLabel htmlFor={`${id}-op`}>Condition</FieldLabel>
        <Select
          id={`${id}-op`}
          size="sm"
          value={op}
          onValueChange={(next) => setOp(next as FilterOperator)}
          options={FILTER_OPERATORS.map((operator) => ({
            value: operator,
            label: FILTER_LABELS[operator],
          }))}
        />
      </div>
      {takesValue(op) && (
        <div className="space-y-1.5">
          <FieldLabel htmlFor={`${id}-value`}>Value</FieldLabel>
          <Input
            id={`${id}-value`}
            className="h-8"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
          />
          <p id={`${id}-hint`} className="text-xs text-muted">
            {op === 'contains'
              ? 'Anywhere in the value, ignoring case; % and _ are matched as typed.'
              : type?.startsWith('_')
                ? 'An array as JSON ([1, 2]) or as PostgreSQL writes it ({1,2}).'
                : `Compared as ${type ? formatTypeName(type) : 'the column type'}.`}
          </p>
        </div>
      )}
      <div className="flex justify-end gap-2 pt-1">
        <Popover.Close asChild>
          <Button size="sm">Cancel</Button>
        </Popover.Close>
        <Button size="sm" type="submit" variant="primary">
          {initial ? 'Apply' : 'Add filter'}
        </Button>
      </div>
    </form>
  );
}
