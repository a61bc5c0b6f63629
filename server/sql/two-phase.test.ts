import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLiteral } from '../db/index';
import { createLogger } from '../logger';
import { createTestServer, type TestServer } from '../test/harness';
import { createWorkspaceSandbox, type WorkspaceSandbox } from './sandbox';
import { commitAcross, PREPARED_PREFIX, settleInDoubt } from './two-phase';

/**
 * A change across the console's database and a workspace's: both halves or neither, whether the
 * request sees it through or a crash leaves the workspace's half prepared for settleInDoubt.
 */

let server: TestServer;
let sandbox: WorkspaceSandbox;
const logger = createLogger('silent');
const tenant = { orgId: 'default', userId: 'two-phase-test' };

const sql = (query: string) => server.sql(query);
const marks = async () => (await sql('SELECT x FROM marks ORDER BY x')).map((row) => row[0]);
const consoleMarks = async () =>
  (await server.db.query<{ x: number }>('SELECT x FROM deeplake_console.marks ORDER BY x')).map(
    (row) => row.x,
  );

/** Prepares the workspace's half inserting `x` as a request would, and leaves it there. */
async function prepareMark(x: number) {
  const gid = `${PREPARED_PREFIX}default:${randomUUID()}`;
  await sandbox.run('default', { tenant }, async (session) => {
    await session.query('BEGIN');
    await session.query('INSERT INTO marks VALUES ($1)', [x]);
    await session.query(`PREPARE TRANSACTION ${quoteLiteral(gid)}`);
  });
  return gid;
}

const prepared = async () => {
  const { name } = await server.workspaceDatabase('default');
  return (
    await server.db.query<{ gid: string }>(
      'SELECT gid FROM pg_catalog.pg_prepared_xacts WHERE database = $1',
      [name],
    )
  ).map((row) => row.gid);
};

beforeAll(async () => {
  server = await createTestServer();
  sandbox = createWorkspaceSandbox({ db: server.db, logger });
  await sql('CREATE TABLE marks (x int UNIQUE)');
  await server.db.query('CREATE TABLE deeplake_console.marks (x int)');
});
afterAll(async () => {
  await sandbox.close();
  await server.close();
});

describe('commitAcross', () => {
  const across = () => ({
    db: server.db,
    sandbox,
    logger,
    workspaceId: 'default',
    run: { tenant },
  });

  it('commits both halves', async () => {
    const result = await commitAcross(
      across(),
      async (tx) => {
        await tx.query('INSERT INTO deeplake_console.marks VALUES (1)');
        return 'console';
      },
      async (session, consoleResult) => {
        await session.query('INSERT INTO marks VALUES (1)');
        return `${consoleResult} then workspace`;
      },
    );
    expect(result).toEqual({ console: 'console', workspace: 'console then workspace' });
    expect(await marks()).toEqual([1]);
    expect(await consoleMarks()).toEqual([1]);
    expect(await prepared()).toEqual([]);
  });

  it('rolls back the console half when the workspace half fails', async () => {
    await expect(
      commitAcross(
        across(),
        (tx) => tx.query('INSERT INTO deeplake_console.marks VALUES (2)'),
        (session) => session.query('INSERT INTO marks VALUES (1)'), // taken: unique violation
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await consoleMarks()).toEqual([1]);
  });

  it('rolls back the prepared half when the console half fails to commit', async () => {
    // A deferred unique constraint fails only at COMMIT: after the workspace half is prepared.
    await server.db.query(
      `CREATE TABLE deeplake_console.once (x int UNIQUE DEFERRABLE INITIALLY DEFERRED)`,
    );
    await expect(
      commitAcross(
        across(),
        (tx) => tx.query('INSERT INTO deeplake_console.once VALUES (1), (1)'),
        (session) => session.query('INSERT INTO marks VALUES (3)'),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await marks()).toEqual([1]);
    expect(await prepared()).toEqual([]);
    expect(await server.db.query('SELECT * FROM deeplake_console.prepared_decisions')).toEqual([]);
  });
});

describe('settleInDoubt', () => {
  it('commits a prepared half whose console half committed, and rolls back one without', async () => {
    const decided = await prepareMark(10);
    await server.db.query(
      `INSERT INTO deeplake_console.prepared_decisions (gid, outcome) VALUES ($1, 'commit')`,
      [decided],
    );
    const orphan = await prepareMark(11);
    expect((await prepared()).sort()).toEqual([decided, orphan].sort());
    // Young ones may be under way: left alone.
    expect(await settleInDoubt({ db: server.db, sandbox, logger })).toBe(0);
    expect(await settleInDoubt({ db: server.db, sandbox, logger }, { olderThanMs: 0 })).toBe(2);
    expect(await marks()).toEqual([1, 10]);
    expect(await prepared()).toEqual([]);
    expect(await server.db.query('SELECT * FROM deeplake_console.prepared_decisions')).toEqual([]);
  });

  it('waits for a console half still under way, and follows what it decides', async () => {
    const gid = await prepareMark(20);
    let settling: Promise<number> | undefined;
    await server.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO deeplake_console.prepared_decisions (gid, outcome) VALUES ($1, 'commit')`,
        [gid],
      );
      settling = settleInDoubt({ db: server.db, sandbox, logger }, { olderThanMs: 0 });
      // It is blocked on this transaction's decision, so nothing is settled yet.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await prepared()).toEqual([gid]);
    });
    expect(await settling).toBe(1);
    expect(await marks()).toEqual([1, 10, 20]);
  });

  it('leaves prepared transactions of other databases alone', async () => {
    const other = await createTestServer();
    try {
      const otherSandbox = createWorkspaceSandbox({ db: other.db, logger });
      const gid = `${PREPARED_PREFIX}default:${randomUUID()}`;
      await other.call(other.adminToken, 'POST', '/api/workspaces/default/tables/query', {
        body: { query: 'CREATE TABLE marks (x int)' },
      });
      await otherSandbox.run('default', { tenant }, async (session) => {
        await session.query('BEGIN');
        await session.query('INSERT INTO marks VALUES (1)');
        await session.query(`PREPARE TRANSACTION ${quoteLiteral(gid)}`);
      });
      expect(await settleInDoubt({ db: server.db, sandbox, logger }, { olderThanMs: 0 })).toBe(0);
      expect(
        await settleInDoubt({ db: other.db, sandbox: otherSandbox, logger }, { olderThanMs: 0 }),
      ).toBe(1);
      await otherSandbox.close();
    } finally {
      await other.close();
    }
  });
});
