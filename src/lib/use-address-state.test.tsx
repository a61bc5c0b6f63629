import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { delayNavigations, pause, renderScreen } from '../test/render';
import { useAddressState, type AddressState } from './use-address-state';

interface Counter {
  a: number;
  b: number;
}
const parse = (search: URLSearchParams): Counter => ({
  a: Number(search.get('a') ?? 0),
  b: Number(search.get('b') ?? 0),
});
const format = ({ a, b }: Counter) =>
  new URLSearchParams([...(a ? [['a', String(a)]] : []), ...(b ? [['b', String(b)]] : [])]);

function render(route = '/screen') {
  const handle: { current: AddressState<Counter> | null } = { current: null };
  function Screen() {
    const address = useAddressState(parse, format);
    handle.current = address;
    return (
      <p>
        a={address.state.a} b={address.state.b} navigations={address.navigations}
      </p>
    );
  }
  const utils = renderScreen(<Screen />, { route, path: '/screen' });
  return { ...utils, address: () => handle.current! };
}

describe('useAddressState', () => {
  it('changes at once, and the address follows', async () => {
    const { router, address } = render();
    act(() => address().update({ a: 1 }));
    expect(screen.getByText('a=1 b=0 navigations=0')).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.search).toBe('?a=1'));
    expect(router.state.historyAction).toBe('REPLACE');
  });

  it('composes changes made while earlier ones are still landing', async () => {
    const { router, address } = render();
    delayNavigations(router, 200);
    act(() => address().update({ a: 1 }));
    await pause(50);
    act(() => address().update((current) => ({ b: current.a + 1 })));
    await pause(50);
    act(() => address().update((current) => ({ a: current.a + 10 })));
    expect(screen.getByText('a=11 b=2 navigations=0')).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.search).toBe('?a=11&b=2'));
    await pause(300);
    expect(screen.getByText('a=11 b=2 navigations=0')).toBeInTheDocument();
  });

  it('writes nothing when the address already says it', async () => {
    const { router, address } = render('/screen?a=3');
    const before = router.state.location.key;
    act(() => address().update({ a: 3 }));
    await pause(50);
    expect(router.state.location.key).toBe(before);
  });

  it('pushes a history entry when asked, which Back returns from as a real navigation', async () => {
    const { router, address } = render('/screen?a=1');
    act(() => address().update({ a: 2 }, { history: 'push' }));
    await waitFor(() => expect(router.state.location.search).toBe('?a=2'));
    expect(screen.getByText('a=2 b=0 navigations=0')).toBeInTheDocument();

    await act(() => router.navigate(-1));
    await waitFor(() => expect(screen.getByText('a=1 b=0 navigations=1')).toBeInTheDocument());
  });

  it('takes the state of a link, dropping writes still on their way', async () => {
    const { router, address } = render();
    delayNavigations(router, 100);
    act(() => address().update({ a: 5 }));
    await act(() => router.navigate('/screen?b=7'));
    await waitFor(() => expect(screen.getByText('a=0 b=7 navigations=1')).toBeInTheDocument());
  });

  it('keeps the navigation state the screen was opened with', async () => {
    const { router, address } = render();
    await act(() => router.navigate('/screen', { state: { notice: 'imported' } }));
    act(() => address().update({ b: 1 }));
    await waitFor(() => expect(router.state.location.search).toBe('?b=1'));
    expect(router.state.location.state).toEqual({ notice: 'imported' });
  });
});
