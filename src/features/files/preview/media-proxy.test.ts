import { describe, expect, it } from 'vitest';
import { signIn } from '../../../lib/sign-in-state';
import { answerResolve, mediaUrl, startMediaProxy } from './media-proxy';

const handleOf = (url: string) => url.slice('/__files-media/'.length);

describe('media proxy (page side)', () => {
  it('answers the worker with the API URL and the current headers, never a token in a URL', () => {
    signIn('first-token');
    const { url, revoke } = mediaUrl({ path: '/workspaces/ws/files/f1/content', orgId: 'acme' });
    expect(url).toMatch(/^\/__files-media\/[0-9a-f-]{36}$/);
    expect(url).not.toContain('token');

    const question = { type: 'deeplake-media-resolve', handle: handleOf(url) };
    expect(answerResolve(question)).toEqual({
      url: new URL('/api/workspaces/ws/files/f1/content', window.location.href).href,
      headers: {
        accept: '*/*',
        authorization: 'Bearer first-token',
        'x-activeloop-org-id': 'acme',
      },
    });

    // The token of the moment: signing in again changes what the next request carries.
    signIn('second-token');
    expect(answerResolve(question)?.headers.authorization).toBe('Bearer second-token');

    revoke();
    expect(answerResolve(question)).toBeNull();
  });

  it('knows nothing of handles it did not make, or of other messages', () => {
    expect(answerResolve({ type: 'deeplake-media-resolve', handle: 'made-up' })).toBeNull();
    expect(answerResolve({ type: 'something-else', handle: 'x' })).toBeNull();
    expect(answerResolve('deeplake-media-resolve')).toBeNull();
  });

  it('reports no proxy where there are no service workers (callers then use blobs)', async () => {
    expect(await startMediaProxy()).toBe(false);
  });
});
