import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * State that a screen keeps in its address (page, page size, filters, a search…), owned by the
 * screen while it shows: inputs read and change this state at once, and the address follows.
 *
 * Writing the address is a navigation, and the router lands a navigation later — in a
 * transition, after loaders — or drops it when another overtakes it. An input bound to the
 * address itself therefore loses what is typed meanwhile (its value snaps back to the address),
 * and a change computed from the address undoes another still on its way. So the address is
 * never read back while this hook's own writes land; it wins only on a real navigation (Back,
 * Forward, a link, anything that is not one of those writes), which replaces the state and
 * counts in `navigations`, so that drafts shown in inputs can start over from it too.
 */
export interface AddressState<T> {
  state: T;
  update: (change: StateChange<T>, options?: { history?: 'push' | 'replace' }) => void;
  /** How many real navigations have replaced the state since the screen opened. */
  navigations: number;
}

export type StateChange<T> = Partial<T> | ((current: T) => Partial<T>);

interface Owned<T> {
  state: T;
  /** The address's query (canonical) when the state last agreed with it. */
  search: string;
  /** Queries written and not seen landing yet, oldest first. */
  written: string[];
  /** The newest write, for the effect that navigates. */
  outbox: { search: string; push: boolean } | null;
  navigations: number;
}

const canonical = (search: string | URLSearchParams) => new URLSearchParams(search).toString();

export function useAddressState<T>(
  parse: (search: URLSearchParams) => T,
  format: (state: T) => URLSearchParams,
): AddressState<T> {
  const location = useLocation();
  const navigate = useNavigate();
  const [owned, setOwned] = useState<Owned<T>>(() => ({
    state: parse(new URLSearchParams(location.search)),
    search: canonical(location.search),
    written: [],
    outbox: null,
    navigations: 0,
  }));

  // Only a location the router has committed counts. While it lands a navigation in a
  // transition, a render for a keystroke still sees the location before it: deciding there
  // would take the old address for a new navigation.
  const committedKey = useRef(location.key);
  useLayoutEffect(() => {
    if (committedKey.current === location.key) return;
    committedKey.current = location.key;
    const search = canonical(location.search);
    // The router is the outside system this state follows; following it is this effect's job.
    setOwned((before) => {
      const landed = before.written.indexOf(search);
      // One of ours landed (those before it were overtaken): the state already says it, and
      // may say more by now. Anything else is a real navigation: its address replaces the state.
      if (landed >= 0) return { ...before, search, written: before.written.slice(landed + 1) };
      return {
        state: parse(new URLSearchParams(search)),
        search,
        written: [],
        outbox: null,
        navigations: before.navigations + 1,
      };
    });
  }, [location.key, location.search, parse]);

  const update = useCallback(
    (change: StateChange<T>, { history = 'replace' }: { history?: 'push' | 'replace' } = {}) =>
      setOwned((before) => {
        const patch = typeof change === 'function' ? change(before.state) : change;
        const state = { ...before.state, ...patch };
        const search = canonical(format(state));
        if (search === (before.written.at(-1) ?? before.search)) return { ...before, state };
        return {
          ...before,
          state,
          written: [...before.written, search],
          outbox: { search, push: history === 'push' },
        };
      }),
    [format],
  );

  const { outbox } = owned;
  const locationState: unknown = location.state;
  const sent = useRef<Owned<T>['outbox']>(null);
  useEffect(() => {
    if (!outbox || sent.current === outbox) return;
    sent.current = outbox;
    // Navigation state (a notice the screen was opened with) stays with the address.
    void navigate(
      { search: outbox.search ? `?${outbox.search}` : '' },
      { replace: !outbox.push, state: locationState },
    );
  }, [outbox, navigate, locationState]);

  return { state: owned.state, update, navigations: owned.navigations };
}
