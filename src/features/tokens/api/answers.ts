import {
  instant,
  isRecord,
  listIn,
  requiredText,
  text,
  unexpectedAnswer,
} from '../../../lib/answers';

/** An API token as the console shows it; never its secret. */
export interface TokenView {
  id: string;
  name: string;
  organization_id?: string;
  created_at?: string;
  /** Missing: it never expires. */
  expires_at?: string;
  /** Missing: never used. */
  last_used_at?: string;
  /** Whether this console is signed in with it (the bundled server says; else false). */
  current: boolean;
}

const TOKEN = 'an API token';

export function readToken(value: unknown): TokenView {
  if (!isRecord(value)) throw unexpectedAnswer(TOKEN, value);
  const id = requiredText(value, 'id', TOKEN);
  const org = text(value.organization_id) ?? text(value.org_id);
  const created = instant(value.created_at);
  const expires = instant(value.expires_at);
  const lastUsed = instant(value.last_used_at);
  return {
    id,
    name: text(value.name) || 'Unnamed token',
    ...(org ? { organization_id: org } : {}),
    ...(created ? { created_at: created } : {}),
    ...(expires ? { expires_at: expires } : {}),
    ...(lastUsed ? { last_used_at: lastUsed } : {}),
    current: value.current === true,
  };
}

/** `GET /users/me/tokens`: `{tokens: […]}`, `{data: […]}` or a bare array. */
export const readTokenList = (body: unknown): TokenView[] =>
  listIn(body, ['tokens', 'data'], 'a list of API tokens').map(readToken);

/** A token just made: its secret, shown this once, and what is known of it. */
export interface CreatedTokenView {
  secret: string;
  name?: string;
  organization_id?: string;
  expires_at?: string;
}

/**
 * `POST /users/me/tokens`: `{token: {token, id, name, …}}`; older hosted answers are
 * `{token: "…"}` (hivemind reads `token.token`).
 */
export function readCreatedToken(body: unknown): CreatedTokenView {
  if (isRecord(body)) {
    if (isRecord(body.token)) {
      const inner = body.token;
      const secret = text(inner.token);
      if (secret) {
        const name = text(inner.name);
        const org = text(inner.organization_id);
        const expires = instant(inner.expires_at);
        return {
          secret,
          ...(name ? { name } : {}),
          ...(org ? { organization_id: org } : {}),
          ...(expires ? { expires_at: expires } : {}),
        };
      }
    }
    const secret = text(body.token);
    if (secret) return { secret };
  }
  throw unexpectedAnswer('a new API token', body);
}

/** Whether a token's expiry has passed. */
export const isExpired = (token: TokenView, now = Date.now()) =>
  token.expires_at !== undefined && Date.parse(token.expires_at) <= now;
