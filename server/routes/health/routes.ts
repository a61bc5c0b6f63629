import type { FastifyInstance } from 'fastify';
import type { Health, Ready } from '../../../contract/health';
import type { Db } from '../../db/index';

const PING_DEADLINE_MS = 2_000;

/** Liveness and readiness; neither needs a token, so load balancers can call them. */
export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/health', async (): Promise<Health> => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply): Promise<Ready> => {
    try {
      await withDeadline(db.ping(), PING_DEADLINE_MS);
      return { status: 'ready' };
    } catch (error) {
      reply.code(503);
      const reason = error instanceof Error ? error.message : 'database check failed';
      return { status: 'not_ready', reason: `database: ${reason}` };
    }
  });
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
