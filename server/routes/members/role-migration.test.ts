import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresError } from '../../db/index';
import { migrate } from '../../db/migrate';
import { createTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('migration 008_viewer_role', () => {
  it('turns stored members into writers, and then stores only viewer, writer or admin', async () => {
    const person = await server.user('before@example.com');
    await server.call(server.adminToken, 'POST', '/api/organizations/default/members', {
      body: { email: 'before@example.com', role: 'writer' },
    });
    // The database as it was before the migration: the old check, the old name.
    await server.db.transaction(async (tx) => {
      await tx.query(
        'ALTER TABLE deeplake_console.memberships DROP CONSTRAINT memberships_role_check',
      );
      await tx.query(`UPDATE deeplake_console.memberships SET role = 'member' WHERE user_id = $1`, [
        person.id,
      ]);
      await tx.query(
        `ALTER TABLE deeplake_console.memberships
           ADD CONSTRAINT memberships_role_check CHECK (role IN ('admin', 'member'))`,
      );
      await tx.query(
        `DELETE FROM deeplake_console.schema_migrations WHERE name = '008_viewer_role.sql'`,
      );
    });

    expect(await migrate(server.db)).toEqual(['008_viewer_role.sql']);

    const members = await server.call(
      server.adminToken,
      'GET',
      '/api/organizations/default/members',
    );
    expect(members.body.members).toContainEqual(
      expect.objectContaining({ email: 'before@example.com', role: 'writer' }),
    );
    const store = (role: string) =>
      server.db.query('UPDATE deeplake_console.memberships SET role = $2 WHERE user_id = $1', [
        person.id,
        role,
      ]);
    await store('viewer');
    const refused = await store('member').catch((error: unknown) => error);
    expect(isPostgresError(refused) && refused.code).toBe('23514');
  });
});
