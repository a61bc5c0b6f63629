import { describe, expect, it, vi } from 'vitest';
import {
  markTokenAccepted,
  tokenRefused,
  consumeHashToken,
  DEFAULT_API_BASE_URL,
  getApiBaseUrl,
  getSelectedOrgId,
  getSignOutReason,
  getToken,
  setApiBaseUrl,
  setSelectedOrgId,
  signIn,
  signOut,
} from './sign-in-state';

function fakeLocation(hash: string) {
  return { hash, pathname: '/workspaces', search: '?tab=1' };
}

describe('session', () => {
  it('signs in from a #token= link and removes the token from the address bar', () => {
    const history = { state: { idx: 0 }, replaceState: vi.fn() };

    const signedIn = consumeHashToken(fakeLocation('#token=abc123'), history);

    expect(signedIn).toBe(true);
    expect(getToken()).toBe('abc123');
    expect(history.replaceState).toHaveBeenCalledWith({ idx: 0 }, '', '/workspaces?tab=1');
  });

  it('keeps other hash parameters when it removes the token', () => {
    const history = { state: null, replaceState: vi.fn() };

    consumeHashToken(fakeLocation('#token=abc&section=members'), history);

    expect(history.replaceState).toHaveBeenCalledWith(
      null,
      '',
      '/workspaces?tab=1#section=members',
    );
  });

  it('ignores hashes without a token', () => {
    const history = { state: null, replaceState: vi.fn() };

    expect(consumeHashToken(fakeLocation('#section=members'), history)).toBe(false);
    expect(consumeHashToken(fakeLocation(''), history)).toBe(false);
    expect(getToken()).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('keeps the token for this tab only unless "Remember me" is ticked', () => {
    signIn('tab-token');
    expect(sessionStorage.getItem('deeplake-console.token')).toBe('tab-token');
    expect(localStorage.getItem('deeplake-console.token')).toBeNull();

    signIn('remembered-token', { remember: true });
    expect(localStorage.getItem('deeplake-console.token')).toBe('remembered-token');
    expect(sessionStorage.getItem('deeplake-console.token')).toBeNull();
    expect(getToken()).toBe('remembered-token');
  });

  it('forgets the token everywhere on sign-out and remembers why', () => {
    signIn('token', { remember: true });

    signOut('expired');

    expect(getToken()).toBeNull();
    expect(getSignOutReason()).toBe('expired');
  });

  it('keeps the API base URL in localStorage, without a trailing slash', () => {
    expect(getApiBaseUrl()).toBe(DEFAULT_API_BASE_URL);

    setApiBaseUrl('https://api.example.com/');
    expect(getApiBaseUrl()).toBe('https://api.example.com');
    expect(localStorage.getItem('deeplake-console.api-base-url')).toBe('https://api.example.com');

    setApiBaseUrl('  ');
    expect(getApiBaseUrl()).toBe(DEFAULT_API_BASE_URL);
  });

  it('keeps the selected organization in localStorage', () => {
    setSelectedOrgId('acme');
    expect(localStorage.getItem('deeplake-console.selected-org')).toBe('acme');
    expect(getSelectedOrgId()).toBe('acme');

    setSelectedOrgId(null);
    expect(getSelectedOrgId()).toBeNull();
  });

  it('tells a token that ended from one that never worked', () => {
    signIn('from-a-link');
    tokenRefused();
    expect(getSignOutReason()).toBe('rejected');

    signIn('worked-once');
    markTokenAccepted();
    tokenRefused();
    expect(getSignOutReason()).toBe('expired');
    expect(getToken()).toBeNull();
  });
});
