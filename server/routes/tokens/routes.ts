import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createTokenSchema,
  type CreatedToken,
  type TokenInfo,
  type TokenList,
} from '../../../contract/tokens';
import { requireMember } from '../../auth/access';
import { clock, secondsFrom } from '../../auth/clock';
import {
  insertToken,
  listTokens,
  pruneEndedTokens,
  revokeToken,
} from '../../auth/tokens-repository';
import type { Db } from '../../db/index';
import { notFound } from '../../errors';
import { uuidParam } from '../params';
import type { ZodTypeProvider } from '../zod-provider';

/** A token id that cannot exist is simply not found, never a database cast error. */
const tokenPath = z.object({ id: uuidParam((id) => `You have no token "${id}"`) });

/** A created token's answer: the hosted service's shape, the secret inside. */
export function createdToken(secret: string, info: TokenInfo): CreatedToken {
  return {
    token: {
      token: secret,
      id: info.id,
      name: info.name,
      organization_id: info.organization_id,
      expires_at: info.expires_at,
      created_at: info.created_at,
    },
  };
}

/** The caller's own API tokens: `/users/me/tokens`, as the hosted service has them. */
export async function tokenRoutes(instance: FastifyInstance, { db }: { db: Db }) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  app.get('/users/me/tokens', async (request): Promise<TokenList> => {
    const tokens = await listTokens(db, request.user.id);
    return {
      tokens: tokens.map((token) => ({ ...token, current: token.id === request.token.id })),
    };
  });

  app.post(
    '/users/me/tokens',
    { schema: { body: createTokenSchema } },
    async (request, reply): Promise<CreatedToken> => {
      const { name, duration, organization_id } = request.body;
      // Someone else's organization is not found, as everywhere: its existence is not told.
      await requireMember(db, request.user.id, organization_id);
      const now = clock.now();
      const { secret, info } = await insertToken(db, request.user.id, {
        name,
        kind: 'api',
        orgId: organization_id,
        expiresAt: secondsFrom(now, duration),
        now,
      });
      await pruneEndedTokens(db, request.user.id, now);
      reply.code(201);
      return createdToken(secret, info);
    },
  );

  app.delete('/users/me/tokens/:id', { schema: { params: tokenPath } }, async (request, reply) => {
    const { id } = request.params;
    // Another user's token is not found either: ids are never confirmed across accounts.
    if (!(await revokeToken(db, request.user.id, id))) throw notFound(`You have no token "${id}"`);
    reply.code(204);
  });
}
