import type { FastifyInstance } from 'fastify';
import type { Me } from '../../../contract/me';
import type { Db } from '../../db/index';

export async function meRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/me', async (request): Promise<Me> => {
    const user = request.user;
    const memberships = await db.query<{ org_id: string }>(
      `SELECT org_id FROM deeplake_console.memberships
        WHERE user_id = $1 ORDER BY joined_at, org_id`,
      [user.id],
    );
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      display_name: user.name || user.email,
      verified: user.verified,
      organizations: memberships.map((row) => row.org_id),
      // Epoch seconds, as the hosted service sends it.
      date_joined: Math.floor(Date.parse(user.created_at) / 1000),
    };
  });

  // The hosted service's notices to a person (hivemind's notifications source reads this).
  // This server sends none, but answers in the same shape so those clients need no special case.
  app.get('/me/notifications', async () => ({ notifications: [] }));
}
