import clsx from 'clsx';
import { LayoutGrid, List, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { buttonClasses } from '../../../components/ui/button-styles';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { TYPE_FILTERS, type GalleryView, type TypeFilter } from './files-url-state';

/** Typing settles for this long before the search runs. */
const SEARCH_DELAY_MS = 300;

export function GalleryToolbar({
  q,
  type,
  view,
  onSearch,
  onType,
  onView,
}: {
  q: string;
  type: TypeFilter;
  view: GalleryView;
  onSearch: (q: string) => void;
  onType: (type: TypeFilter) => void;
  onView: (view: GalleryView) => void;
}) {
  const [text, setText] = useState(q);
  const [synced, setSynced] = useState(q);
  // The URL changed under us (Back, a link): show its search.
  if (q !== synced) {
    setSynced(q);
    setText(q);
  }

  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, onSearch]);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-48 flex-1 sm:max-w-sm">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted"
        />
        <Input
          type="search"
          aria-label="Search by name"
          placeholder="Search by name"
          className="pl-8"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onSearch(text.trim());
          }}
        />
      </div>
      {/* Select fills its container: the container sets the width. */}
      <div className="w-40">
        <Select
          aria-label="File type"
          value={type}
          options={Object.entries(TYPE_FILTERS).map(([value, { label }]) => ({ value, label }))}
          onValueChange={(value) => onType(value as TypeFilter)}
        />
      </div>
      <div
        role="group"
        aria-label="View"
        className="ml-auto flex rounded border border-border p-0.5"
      >
        {(
          [
            ['grid', 'Grid', LayoutGrid],
            ['list', 'List', List],
          ] as const
        ).map(([value, label, Icon]) => (
          <button
            key={value}
            type="button"
            aria-pressed={view === value}
            onClick={() => onView(value)}
            className={clsx(buttonClasses('ghost', 'sm'), view === value && 'bg-raised text-fg')}
          >
            <Icon aria-hidden className="size-4" />
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
