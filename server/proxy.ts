import replyFrom from '@fastify/reply-from';
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../contract/errors';

/**
 * Proxy mode: every /api request goes to the hosted Deeplake API (DEEPLAKE_API_URL) as it came,
 * bodies streamed both ways, so the browser talks to one origin and needs no CORS.
 */
export async function registerProxy(api: FastifyInstance, target: string) {
  const base = target.replace(/\/+$/, '');
  await api.register(replyFrom, { undici: { headersTimeout: 0, bodyTimeout: 0 } });
  // Hand bodies on as the raw stream: nothing is parsed or buffered here.
  api.removeAllContentTypeParsers();
  api.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  api.all('/*', (request, reply) => {
    const rest = request.url.slice(request.url.indexOf('/', 1));
    return reply.from(`${base}${rest}`, {
      onError: (replyToClient, { error }) => {
        request.log.warn({ err: error, target: base }, 'upstream request failed');
        return replyToClient.code(502).send({
          error: {
            code: ERROR_CODES.badGateway,
            message: `The Deeplake API at ${base} did not answer: ${error.message}`,
          },
        });
      },
    });
  });
}
