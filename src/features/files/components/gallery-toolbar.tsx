import clsx from 'clsx';
import { LayoutGrid, List } from 'lucide-react';
import { SearchField } from '../../../components/search-field';
import { buttonClasses } from '../../../components/ui/button-styles';
import { Select } from '../../../components/ui/select';
import { TYPE_FILTERS, type GalleryView, type TypeFilter } from './files-url-state';

/** Typing settles for this long before the search runs. */
const SEARCH_DELAY_MS = 300;

export function GalleryToolbar({
  q,
  type,
  view,
  navigations,
  onSearch,
  onType,
  onView,
}: {
  q: string;
  type: TypeFilter;
  view: GalleryView;
  /** Real navigations so far: one replaces what is typed in the search box. */
  navigations: number;
  onSearch: (q: string) => void;
  onType: (type: TypeFilter) => void;
  onView: (view: GalleryView) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchField
        label="Search by name"
        className="min-w-48 flex-1 sm:max-w-sm"
        search={q}
        onSearch={onSearch}
        delayMs={SEARCH_DELAY_MS}
        navigations={navigations}
      />
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
