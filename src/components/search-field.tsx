import clsx from 'clsx';
import { Search } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Input } from './ui/input';

/**
 * A search box whose search is kept in the address (see useAddressState). The box owns what is
 * typed: the search it commits is the text trimmed, and a search that changes under it (Clear
 * filters) or a real navigation (`navigations` moves on) replaces the text — but the box's own
 * commits never do, so a trailing space or a keystroke made while they land stays.
 */
export function SearchField({
  label,
  placeholder = label,
  search,
  onSearch,
  delayMs = 0,
  navigations,
  className,
}: {
  label: string;
  placeholder?: string;
  /** The committed search. */
  search: string;
  /** Commits a search (the text trimmed): as typed, or once typing settles for `delayMs`. */
  onSearch: (search: string) => void;
  delayMs?: number;
  navigations: number;
  className?: string;
}) {
  const [text, setText] = useState(search);
  // The search as last seen, and the last one this box committed. A search that changes to
  // what the box committed is its own arriving — typing may have gone on since (the commit can
  // land in a later render than the keystrokes after it) — and leaves the text alone.
  const [seen, setSeen] = useState({ search, navigations, mine: search });
  if (seen.search !== search || seen.navigations !== navigations) {
    const replaced = seen.navigations !== navigations || search !== seen.mine;
    setSeen({ search, navigations, mine: replaced ? search : seen.mine });
    if (replaced) setText(search);
  }
  const commit = useCallback(
    (value: string) => {
      setSeen((current) => ({ ...current, mine: value }));
      onSearch(value);
    },
    [onSearch],
  );

  const pending = delayMs > 0 && text.trim() !== search;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => commit(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [pending, text, delayMs, commit]);

  return (
    <div className={clsx('relative', className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted"
      />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        className="pl-8"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (delayMs === 0 && event.target.value.trim() !== search) {
            commit(event.target.value.trim());
          }
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && text.trim() !== search) commit(text.trim());
        }}
      />
    </div>
  );
}
