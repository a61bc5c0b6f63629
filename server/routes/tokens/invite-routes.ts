import type { FastifyInstance } from 'fastify';
import { acceptInviteSchema, type CreatedToken } from '../../../contract/tokens';
import { clock } from '../../auth/clock';
import { hashToken } from '../../auth/tokens';
import { insertToken, tokenRefusal, type TokenKind } from '../../auth/tokens-repository';
import type { Db } from '../../db/index';
import { unauthorized } from '../../errors';
import type { ZodTypeProvider } from '../zod-provider';
import { createdToken } from './routes';

interface InviteRow {
  id: string;
  user_id: string;
  kind: TokenKind;
  expires_at: string | null;
  revoked_at: string | null;
  used_at: string | null;
}

/**
 * Sign-in links of invites carry a one-time token. Opening one, the console exchanges it here
 * for a lasting sign-in token; a second exchange, or an expired link, is a 401 that says so.
 * No Authorization header: the link's token is the credential.
 */
export async function inviteRoutes(instance: FastifyInstance, { db }: { db: Db }) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/auth/invite/accept',
    { schema: { body: acceptInviteSchema } },
    async (request, reply): Promise<CreatedToken> => {
      const { token } = request.body;
      const now = clock.now();
      const issued = await db.transaction(async (tx) => {
        // Locked, so two tabs opening the same link at once cannot both get a session.
        const [invite] = await tx.query<InviteRow>(
          `SELECT id, user_id, kind, expires_at, revoked_at, used_at
           FROM deeplake_console.tokens WHERE hash = $1 FOR UPDATE`,
          [hashToken(token)],
        );
        if (!invite || invite.kind !== 'invite') {
          throw unauthorized('This is not the token of a sign-in link: check the link you opened');
        }
        const refusal = tokenRefusal(invite, now);
        if (refusal) throw unauthorized(refusal);
        await tx.query('UPDATE deeplake_console.tokens SET used_at = $2 WHERE id = $1', [
          invite.id,
          now,
        ]);
        return insertToken(tx, invite.user_id, { name: 'Console sign-in (invite link)', now });
      });
      reply.code(201);
      return createdToken(issued.secret, issued.info);
    },
  );
}
