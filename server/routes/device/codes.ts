import { randomBytes, randomInt } from 'node:crypto';
import { hashToken } from '../../auth/tokens';

/**
 * The codes of the device flow (RFC 8628). The user code is what a person types: eight letters
 * from 20 consonants (RFC 8628 6.1: no vowels, so no words; no digits, so no 0/O or 1/I), shown
 * as WDJB-MJHT and read back in any case, with or without the dash. 20^8 is 2.6e10 codes, live
 * for 15 minutes. The device code is the client's secret for polling: 256 random bits.
 */

export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;

/** How long a request can wait for approval. */
export const DEVICE_CODE_SECONDS = 15 * 60;
/** Seconds a client waits between polls (the hosted clients wait at least 5). */
export const POLL_INTERVAL_SECONDS = 5;
/** What RFC 8628 3.5 asks a client to add to its interval on slow_down. */
export const SLOW_DOWN_STEP_SECONDS = 5;
/**
 * Lifetime of the token the flow hands out. Clients use it to make a long-lived API token
 * (POST /users/me/tokens) right away, so it need not last.
 */
export const DEVICE_TOKEN_SECONDS = 24 * 3600;
/** Expired requests are kept this long, so a late poll hears expired_token, then removed. */
export const EXPIRED_KEPT_SECONDS = 3600;

export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(20)];
  return formatUserCode(code);
}

export const formatUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/**
 * A typed user code as stored (upper case, no dash or spaces), or null when it cannot be one:
 * such a code is simply not found.
 */
export function normalizeUserCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== USER_CODE_LENGTH) return null;
  for (const char of code) if (!USER_CODE_ALPHABET.includes(char)) return null;
  return code;
}

export const hashUserCode = (normalized: string) => hashToken(`user-code:${normalized}`);

export const newDeviceCode = () => randomBytes(32).toString('base64url');

export const hashDeviceCode = (deviceCode: string) => hashToken(`device-code:${deviceCode}`);

/** Control, format and bidi characters out, trimmed and cut short: a name shown to a person. */
export function cleanClientName(name: string | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 100);
}
