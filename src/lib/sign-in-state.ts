import { useSyncExternalStore } from 'react';
import { INVITE_TOKEN_PREFIX } from '../../contract/invite-token';

/**
 * The browser-side session: who is signed in (the API token), which API the console talks to,
 * and which organization is selected. Kept in Web Storage so a reload keeps you where you were;
 * components read it through the hooks below so a change re-renders them.
 */

const TOKEN_KEY = 'deeplake-console.token';
const API_BASE_URL_KEY = 'deeplake-console.api-base-url';
const SELECTED_ORG_KEY = 'deeplake-console.selected-org';

export const DEFAULT_API_BASE_URL = '/api';

/** Why the sign-in screen is showing, so it can say so. */
/** `rejected`: a token (from a sign-in link) that the API refused before it ever worked. */
export type SignOutReason = 'signed-out' | 'expired' | 'rejected';

type StorageArea = 'local' | 'session';

// Web Storage can throw (disabled cookies, some private modes); the console then simply
// behaves as if nothing was stored.
function storage(area: StorageArea): Storage | null {
  try {
    return area === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

function read(area: StorageArea, key: string): string | null {
  try {
    return storage(area)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(area: StorageArea, key: string, value: string | null): void {
  try {
    const store = storage(area);
    if (value === null) store?.removeItem(key);
    else store?.setItem(key, value);
  } catch {
    // Nothing useful to do: the value lives for this page only.
  }
}

const listeners = new Set<() => void>();
let signOutReason: SignOutReason | null = null;
/** Whether the API has answered the stored token at least once since it was stored. */
let tokenAccepted = false;

function notify(): void {
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing out or switching organization changes localStorage under us.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function getToken(): string | null {
  return read('session', TOKEN_KEY) ?? read('local', TOKEN_KEY);
}

/** Stores the token: for this tab only, or across browser restarts when `remember` is set. */
export function signIn(token: string, { remember = false }: { remember?: boolean } = {}): void {
  write('session', TOKEN_KEY, remember ? null : token);
  write('local', TOKEN_KEY, remember ? token : null);
  signOutReason = null;
  tokenAccepted = false;
  notify();
}

export function signOut(reason: SignOutReason = 'signed-out'): void {
  write('session', TOKEN_KEY, null);
  write('local', TOKEN_KEY, null);
  signOutReason = reason;
  notify();
}

export function markTokenAccepted(): void {
  tokenAccepted = true;
}

/** The API refused the stored token: it ended, or it never worked (a bad sign-in link). */
export function tokenRefused(): void {
  signOut(tokenAccepted || getToken() === null ? 'expired' : 'rejected');
}

export function getSignOutReason(): SignOutReason | null {
  return signOutReason;
}

export function getApiBaseUrl(): string {
  return read('local', API_BASE_URL_KEY) ?? DEFAULT_API_BASE_URL;
}

/** Saves the API base URL; an empty value goes back to the default. */
export function setApiBaseUrl(url: string): void {
  const normalized = normalizeBaseUrl(url);
  write('local', API_BASE_URL_KEY, normalized === DEFAULT_API_BASE_URL ? null : normalized);
  notify();
}

export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  return trimmed === '' ? DEFAULT_API_BASE_URL : trimmed;
}

export function getSelectedOrgId(): string | null {
  return read('local', SELECTED_ORG_KEY);
}

export function setSelectedOrgId(orgId: string | null): void {
  write('local', SELECTED_ORG_KEY, orgId);
  notify();
}

/**
 * The token of an invite's sign-in link, waiting to be exchanged for a lasting one (the
 * sign-in screen does that). It works once, so it is kept in memory only, never stored.
 */
let pendingInvite: string | null = null;

/** Whether a token is a one-time sign-in link's, to exchange rather than sign in with. */
export const isInviteToken = (token: string) => token.startsWith(INVITE_TOKEN_PREFIX);

export function getPendingInvite(): string | null {
  return pendingInvite;
}

/** Hands the pending invite token to the one caller that exchanges it; null for any later one. */
export function takePendingInvite(): string | null {
  const token = pendingInvite;
  pendingInvite = null;
  if (token !== null) notify();
  return token;
}

export function usePendingInvite(): string | null {
  return useSyncExternalStore(subscribe, getPendingInvite);
}

/**
 * Signs in from a link such as `http://127.0.0.1:8080/#token=abc` (the server prints one on
 * first start): stores the token and removes it from the address bar, so it does not end up
 * in bookmarks, screenshots or the history. Returns whether a token was found. An invite's
 * link carries a one-time token: whoever was signed in is signed out, and the token waits for
 * the sign-in screen to exchange it.
 */
export function consumeHashToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location,
  history: Pick<History, 'replaceState' | 'state'> = window.history,
): boolean {
  if (!location.hash.startsWith('#')) return false;
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token')?.trim();
  if (!token) return false;
  if (isInviteToken(token)) {
    write('session', TOKEN_KEY, null);
    write('local', TOKEN_KEY, null);
    signOutReason = null;
    pendingInvite = token;
    notify();
  } else {
    signIn(token);
  }
  params.delete('token');
  const rest = params.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
  );
  return true;
}

export function useToken(): string | null {
  return useSyncExternalStore(subscribe, getToken);
}

export function useSignOutReason(): SignOutReason | null {
  return useSyncExternalStore(subscribe, getSignOutReason);
}

export function useApiBaseUrl(): string {
  return useSyncExternalStore(subscribe, getApiBaseUrl);
}

export function useSelectedOrgId(): string | null {
  return useSyncExternalStore(subscribe, getSelectedOrgId);
}

const LAST_WORKSPACE_KEY = 'deeplake-console.last-workspace';

/** The workspace last opened in an organization, so Tables, SQL and Files reopen it. */
export function getLastWorkspaceId(orgId: string): string | null {
  return read('local', `${LAST_WORKSPACE_KEY}.${orgId}`);
}

export function setLastWorkspaceId(orgId: string, workspaceId: string): void {
  write('local', `${LAST_WORKSPACE_KEY}.${orgId}`, workspaceId);
}
