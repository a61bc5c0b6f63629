import type { FastifyRequest } from 'fastify';
import { badRequest } from '../errors';

/** A host name, IPv4 address or bracketed IPv6 address, and an optional port: nothing else. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Where people open the console: this server's address as the caller reached it. Behind a
 * TLS-terminating proxy that is X-Forwarded-Proto and X-Forwarded-Host (Fastify reads them, as
 * the app trusts its proxy). The address ends up in links a person opens, so only a plain
 * scheme and host are taken: a Host header carrying a path, credentials or anything else is
 * refused rather than echoed into a link.
 */
export function consoleOrigin(request: FastifyRequest): string {
  const protocol = request.protocol?.toLowerCase() === 'https' ? 'https' : 'http';
  const host = request.host.trim();
  if (!HOST.test(host)) {
    throw badRequest('The Host (or X-Forwarded-Host) header is not a host name and port');
  }
  return `${protocol}://${host.toLowerCase()}`;
}
