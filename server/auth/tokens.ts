import { createHash, randomBytes } from 'node:crypto';
import { INVITE_TOKEN_PREFIX } from '../../contract/invite-token';

/** Tokens are 256 random bits, so a fast hash is enough: nothing to brute-force. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newToken(): string {
  return `dlc_${randomBytes(32).toString('base64url')}`;
}

/** A one-time sign-in link's token: its prefix tells the console to exchange it first. */
export function newInviteToken(): string {
  return `${INVITE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The value of `Authorization: Bearer <token>`, or null when the header is missing or malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
