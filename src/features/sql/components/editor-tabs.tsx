import clsx from 'clsx';
import { Loader2, Plus, X } from 'lucide-react';
import { useId, useRef, type KeyboardEvent } from 'react';
import { IconButton } from '../../../components/ui/icon-button';
import { tabTitle, type SqlTab } from '../lib/saved-state';

/**
 * The editor's tabs: a tab list with arrow-key movement (roving focus), closing with Delete, a
 * middle click or the tab's close mark, and a button to open a new tab. Running tabs show a
 * spinner.
 */
export function EditorTabs({
  tabs,
  activeTabId,
  running,
  panelId,
  onSelect,
  onClose,
  onNew,
}: {
  tabs: readonly SqlTab[];
  activeTabId: string;
  /** Ids of tabs with a run in flight. */
  running: ReadonlySet<string>;
  panelId: string;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
  onNew: () => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const closeHintId = useId();

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else if (event.key === 'Delete') {
      event.preventDefault();
      onClose(tabs[index]!.id);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    onSelect(tabs[next]!.id);
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  }

  return (
    <div className="flex min-w-0 items-end gap-1">
      <div
        ref={listRef}
        role="tablist"
        aria-label="Editor tabs"
        className="flex min-w-0 items-end gap-0.5 overflow-x-auto"
      >
        {tabs.map((tab, index) => {
          const selected = tab.id === activeTabId;
          const title = tabTitle(tab, index);
          return (
            // Only tabs may sit in a tab list, so the close mark lives inside the tab for the
            // mouse, and Delete closes the focused tab for the keyboard (said in its description).
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`sql-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={selected ? panelId : undefined}
              aria-describedby={closeHintId}
              tabIndex={selected ? 0 : -1}
              title={tab.sql.slice(0, 200) || title}
              onClick={() => onSelect(tab.id)}
              onAuxClick={(event) => {
                if (event.button === 1) onClose(tab.id);
              }}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={clsx(
                'group flex max-w-56 shrink-0 items-center gap-1.5 rounded-t border border-b-0 py-1.5 pr-1 pl-3 text-sm',
                'focus-visible:outline-2 focus-visible:outline-accent',
                selected
                  ? 'border-border bg-surface text-fg'
                  : 'border-transparent text-muted hover:bg-raised hover:text-fg',
              )}
            >
              {running.has(tab.id) && (
                <Loader2 aria-label="running" className="size-3.5 shrink-0 animate-spin" />
              )}
              <span className="truncate">{title}</span>
              <span
                aria-hidden
                title="Close tab (Delete)"
                data-close-tab
                className="rounded p-0.5 text-muted hover:bg-raised hover:text-fg"
                onClick={(event) => {
                  event.stopPropagation();
                  onClose(tab.id);
                }}
              >
                <X className="size-3.5" />
              </span>
            </button>
          );
        })}
      </div>
      <span id={closeHintId} hidden>
        Delete closes the tab.
      </span>
      <IconButton label="New tab" title="New tab" icon={Plus} onClick={onNew} />
    </div>
  );
}
