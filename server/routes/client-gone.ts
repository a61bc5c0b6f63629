import type { FastifyReply } from 'fastify';

/**
 * Aborted when the client goes away before its answer is sent, so the statement it asked for
 * is cancelled rather than run to the end for no one.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
