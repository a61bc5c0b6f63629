import { beforeEach, describe, expect, it } from 'vitest';
import { apiRequest } from '../../lib/api-client';
import { signIn } from '../../lib/sign-in-state';
import { mockApi } from '../fetch-mock';
import { RECORDED, respond, type Recorded } from '../recorded-answers';
import { failure } from './helpers';

/** Errors in every recorded shape (recorded-answers/errors.ts) keep the server's own message. */

beforeEach(() => signIn('token'));

describe('errors in every shape keep their own message', () => {
  const fail = (recorded: Recorded) => {
    mockApi({ 'GET /anything': () => respond(recorded) });
    return failure(apiRequest('/anything', { retry: false }));
  };

  it('402: the account is out of credit, and what the service said', async () => {
    const error = await fail(RECORDED.errors.insufficientBalance);
    expect(error).toMatchObject({ status: 402, code: 'payment_required' });
    expect(error.message).toBe(
      'The Deeplake account is out of credit: top up its balance to go on. The service said: “insufficient balance, please top up”.',
    );
  });

  it('{"error": "text"}, {"detail": […]}, {"message": …} and plain text', async () => {
    expect((await fail(RECORDED.errors.tableMissing)).message).toBe(
      'Table does not exist: relation "skills" does not exist (HTTP 400)',
    );
    expect((await fail(RECORDED.errors.detail)).message).toBe(
      'body.name: field required (HTTP 422)',
    );
    expect((await fail(RECORDED.errors.message)).message).toBe('Internal server error (HTTP 500)');
    expect((await fail(RECORDED.errors.plainText)).message).toBe(
      'upstream connect error (HTTP 500)',
    );
  });

  it('an HTML page from a proxy: its title, and that it is not the API answering', async () => {
    const error = await fail(RECORDED.errors.proxyPage);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect(error.message).toMatch(
      /^.*\(HTTP 403\): the answer was a web page \(“403 Forbidden”\), not the API's\. A proxy or gateway may be in the way\.$/,
    );
  });
});
