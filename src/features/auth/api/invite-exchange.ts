import { isRecord, text, unexpectedAnswer } from '../../../lib/answers';
import { api, isApiError } from '../../../lib/api-client';

/**
 * The lasting token in the answer to `POST /auth/invite/accept`: `{token: {token}}` as the
 * bundled server sends it, or `{token}` / `{access_token}`, the other shapes tokens come in.
 */
export function readExchangedToken(body: unknown): string {
  if (isRecord(body)) {
    const inner = isRecord(body.token) ? text(body.token.token) : text(body.token);
    const token = inner ?? text(body.access_token);
    if (token) return token;
  }
  throw unexpectedAnswer('a sign-in token', body);
}

const exchanges = new Map<string, Promise<string>>();

/**
 * Exchanges an invite link's one-time token for a lasting sign-in token. The server takes each
 * link once, so a second call for the same token (React runs effects twice in development)
 * shares the first one's answer; only a failure to reach the server may be tried again.
 */
export function exchangeInviteToken(inviteToken: string, baseUrl?: string): Promise<string> {
  let exchange = exchanges.get(inviteToken);
  if (!exchange) {
    exchange = api
      .post<unknown>(
        '/auth/invite/accept',
        { token: inviteToken },
        { authenticated: false, ...(baseUrl ? { baseUrl } : {}) },
      )
      .then(readExchangedToken)
      .catch((error: unknown) => {
        if (!isApiError(error) || error.status === 0) exchanges.delete(inviteToken);
        throw error;
      });
    exchanges.set(inviteToken, exchange);
  }
  return exchange;
}
