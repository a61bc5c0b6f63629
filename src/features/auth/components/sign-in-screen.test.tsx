import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getApiBaseUrl, getToken, signOut } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me } from '../../../test/fixtures';
import { renderScreen } from '../../../test/render';
import { SignInScreen } from './sign-in-screen';

describe('Sign-in screen', () => {
  it('explains how to get a token', () => {
    renderScreen(<SignInScreen />);

    expect(screen.getByText(/prints a sign-in link/)).toBeInTheDocument();
    expect(screen.getByText('npm run token -- --email you@example.com')).toBeInTheDocument();
  });

  it('shows a refused token in place and keeps what was typed', async () => {
    const api = mockApi({ 'GET /me': () => apiError(401, 'unauthorized', 'invalid token') });
    const { user } = renderScreen(<SignInScreen />);

    await user.type(screen.getByLabelText('API token'), 'wrong-token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const field = screen.getByLabelText('API token');
    await waitFor(() => expect(field).toHaveAccessibleDescription(/token was not accepted/));
    expect(field).toHaveValue('wrong-token');
    expect(api.calls('GET /me')[0]?.headers.get('Authorization')).toBe('Bearer wrong-token');
    expect(getToken()).toBeNull();
  });

  it('keeps a verified token for this tab only by default', async () => {
    mockApi({ 'GET /me': () => json(200, me) });
    const { user } = renderScreen(<SignInScreen />);

    await user.type(screen.getByLabelText('API token'), ' good-token ');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(getToken()).toBe('good-token'));
    expect(sessionStorage.getItem('deeplake-console.token')).toBe('good-token');
    expect(localStorage.getItem('deeplake-console.token')).toBeNull();
  });

  it('remembers the token across restarts when "Remember me" is ticked', async () => {
    mockApi({ 'GET /me': () => json(200, me) });
    const { user } = renderScreen(<SignInScreen />);

    await user.type(screen.getByLabelText('API token'), 'good-token');
    const remember = screen.getByRole('checkbox', { name: 'Remember me' });
    expect(remember).toHaveAccessibleDescription(/Stay signed in on this browser/);
    await user.click(remember);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(localStorage.getItem('deeplake-console.token')).toBe('good-token'));
    expect(sessionStorage.getItem('deeplake-console.token')).toBeNull();
  });

  it('signs in against another API base URL and keeps that setting', async () => {
    const api = mockApi({ 'GET /me': () => json(200, me) }, { baseUrl: 'http://other:9000/api' });
    const { user } = renderScreen(<SignInScreen />);

    await user.click(screen.getByText('Advanced'));
    const baseUrl = screen.getByLabelText('API base URL');
    expect(baseUrl).toHaveValue('/api');
    await user.clear(baseUrl);
    await user.type(baseUrl, 'http://other:9000/api');
    await user.type(screen.getByLabelText('API token'), 'good-token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(getToken()).toBe('good-token'));
    expect(api.requests[0]?.url).toBe('http://other:9000/api/me');
    expect(getApiBaseUrl()).toBe('http://other:9000/api');
  });

  it('says when the API cannot be reached', async () => {
    mockApi({ 'GET /me': () => Promise.reject(new TypeError('Failed to fetch')) });
    const { user } = renderScreen(<SignInScreen />);

    await user.type(screen.getByLabelText('API token'), 'token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/Could not reach the API at \/api/);
  });

  it('asks for a token instead of sending an empty one', async () => {
    const api = mockApi({});
    const { user } = renderScreen(<SignInScreen />);

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByText('Enter your API token.')).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it('says why you are here after the session ended', () => {
    signOut('expired');
    renderScreen(<SignInScreen />);

    expect(screen.getByRole('status')).toHaveTextContent(/session has ended/);
  });
});
