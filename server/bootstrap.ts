import { ensureUser, issueToken } from './auth/users-repository';
import type { Db } from './db/index';
import { createOrganization } from './routes/organizations/repository';
import { createWorkspace } from './routes/workspaces/repository';

export const DEFAULT_ORGANIZATION = { id: 'default', name: 'Default organization' };
export const DEFAULT_WORKSPACE = { id: 'default', name: 'Default workspace' };

/** Same constant in every copy of the server, so only one of them bootstraps. */
const BOOTSTRAP_LOCK = 7_411_202_612;

/**
 * First start of an installation: the first admin (with ADMIN_TOKEN as its token when given),
 * a default organization and a default workspace. Returns the admin's token the one time it
 * is made, so it can be printed as a sign-in link; null on every later start.
 */
export async function bootstrap(
  db: Db,
  { adminEmail, adminToken }: { adminEmail: string; adminToken?: string | undefined },
): Promise<{ token: string; email: string } | null> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const [done] = await tx.query(
      `SELECT 1 FROM deeplake_console.installation WHERE key = 'bootstrapped'`,
    );
    if (done) return null;
    const { user } = await ensureUser(tx, adminEmail, { verified: true });
    const token = await issueToken(tx, user.id, {
      label: 'first admin',
      ...(adminToken ? { token: adminToken } : {}),
    });
    await createOrganization(tx, { ...DEFAULT_ORGANIZATION, adminUserId: user.id });
    await createWorkspace(tx, { ...DEFAULT_WORKSPACE, orgId: DEFAULT_ORGANIZATION.id });
    await tx.query(
      `INSERT INTO deeplake_console.installation (key, value)
       VALUES ('bootstrapped', jsonb_build_object('at', now(), 'admin', $1::text))`,
      [user.email],
    );
    return { token, email: user.email };
  });
}
