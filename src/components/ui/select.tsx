import clsx from 'clsx';
import { Check, ChevronDown } from 'lucide-react';
import { Select as RadixSelect } from 'radix-ui';

export interface SelectOption {
  value: string;
  label: string;
  /** Secondary text under the label in the list, e.g. an id. */
  detail?: string;
  /** What the choice means, in words, under the label in the list. */
  description?: string;
}

export interface SelectProps {
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: readonly SelectOption[];
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  size?: 'sm' | 'md';
  'aria-label'?: string;
  'aria-describedby'?: string;
}

/** A single choice from a short list: keyboard navigable, labelled by `id` + label or aria-label. */
export function Select({
  value,
  onValueChange,
  options,
  id,
  placeholder,
  disabled,
  className,
  size = 'md',
  ...aria
}: SelectProps) {
  return (
    <RadixSelect.Root value={value ?? ''} onValueChange={onValueChange} disabled={disabled}>
      <RadixSelect.Trigger
        id={id}
        {...aria}
        className={clsx(
          'inline-flex w-full items-center justify-between gap-2 rounded border border-border bg-surface px-3 text-left text-sm text-fg shadow-sm',
          'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent',
          'disabled:cursor-not-allowed disabled:opacity-60 data-[placeholder]:text-muted',
          size === 'sm' ? 'h-8' : 'h-9',
          className,
        )}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon>
          <ChevronDown aria-hidden className="size-4 text-muted" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(24rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-border bg-surface text-fg shadow-lg"
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                className="relative flex cursor-default flex-col rounded py-1.5 pr-2 pl-7 text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-raised"
              >
                <RadixSelect.ItemIndicator className="absolute top-2 left-2">
                  <Check aria-hidden className="size-4 text-accent" />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                {option.detail && (
                  <span className="font-mono text-xs text-muted">{option.detail}</span>
                )}
                {/* Not in the option's name: Radix names an option by its ItemText alone. */}
                {option.description && (
                  <span className="text-xs text-muted">{option.description}</span>
                )}
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
