import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createLogger } from '../../logger';
import { createTestServer, type TestServer } from '../../test/harness';
import { encodeForm, type FormPart } from '../../test/multipart';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ uploadLimitBytes: 64 * 1024 });
});
afterAll(() => server.close());

/** Fields in the order given, as curl -F sends them (the docs put the file first). */
async function upload(fields: [string, FormPart][], token = server.adminToken) {
  const { payload, contentType } = await encodeForm(fields);
  return server.call(token, 'POST', '/api/workspaces/default/tables', {
    body: payload,
    headers: { 'content-type': contentType },
  });
}

const createFrom = (content: string | Buffer, filename: string, table: string) =>
  upload([
    ['file', { content, filename }],
    ['filename', filename],
    ['table_name', table],
  ]);

async function rows(query: string) {
  const res = await server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
    body: { query },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows;
}

describe('create a table from a CSV file', () => {
  it('infers every column type and loads the rows', async () => {
    const csv =
      '\uFEFFid,big,price,active,day,at,uid,meta,label,mixed\r\n' +
      '1,9000000000,1.5,true,2024-01-02,2024-01-02T03:04:05Z,e2bd9a1c-3f4e-4c6b-9d7a-0b1c2d3e4f50,"{""a"": 1}","hello, world",1\r\n' +
      '2,,2,FALSE,2024-02-29,2024-01-02 03:04:05.5+02:00,,"[1, 2]","two\r\nlines",x\r\n' +
      '3,12,,,,,,,,""\r\n';
    const res = await createFrom(csv, 'data.csv', 'people');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ table_name: 'people', row_count: 3 });
    expect(res.body.columns.map((c: any) => [c.name, c.type])).toEqual([
      ['id', 'int4'],
      ['big', 'int8'],
      ['price', 'float8'],
      ['active', 'bool'],
      ['day', 'date'],
      ['at', 'timestamptz'],
      ['uid', 'uuid'],
      ['meta', 'jsonb'],
      ['label', 'text'],
      ['mixed', 'text'],
    ]);
    expect(await rows('SELECT * FROM people ORDER BY id')).toEqual([
      [
        1,
        9000000000,
        1.5,
        true,
        '2024-01-02',
        '2024-01-02T03:04:05Z',
        'e2bd9a1c-3f4e-4c6b-9d7a-0b1c2d3e4f50',
        { a: 1 },
        'hello, world',
        '1',
      ],
      [
        2,
        null,
        2,
        false,
        '2024-02-29',
        '2024-01-02T01:04:05.5Z',
        null,
        [1, 2],
        'two\r\nlines',
        'x',
      ],
      [3, 12, null, null, null, null, null, null, null, null],
    ]);
  });

  it.each([
    [';', 'a;b\n1;"x;y"\n2;z\n'],
    ['tab', 'a\tb\n1\tx y\n2\tz\n'],
    ['|', 'a|b\n1|x\n2|z\n'],
  ])('sniffs the delimiter %s', async (name, csv) => {
    const table = `sniffed_${name === 'tab' ? 'tab' : name === ';' ? 'semicolon' : 'pipe'}`;
    const res = await createFrom(csv, 'data.csv', table);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.columns.map((c: any) => c.type)).toEqual(['int4', 'text']);
    expect(res.body.row_count).toBe(2);
  });

  it('refuses a malformed file with the line, and leaves no table', async () => {
    const res = await createFrom('a,b\n1,2\n3\n4,5\n', 'bad.csv', 'broken');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/line 3: has 1 field, the header has 2/);
    const unterminated = await createFrom('a,b\n1,"open\n', 'bad.csv', 'broken');
    expect(unterminated.status).toBe(400);
    expect(unterminated.body.error.message).toMatch(/line 2/);
    const missing = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/broken',
    );
    expect(missing.status).toBe(404);
  });

  it('answers 409 for an existing table and keeps it as it was', async () => {
    await createFrom('n\n1\n', 'one.csv', 'kept');
    const res = await createFrom('n\n2\n3\n', 'two.csv', 'kept');
    expect(res.status).toBe(409);
    expect(await rows('SELECT n FROM kept')).toEqual([[1]]);
  });

  it('answers 413 for a file over the upload limit, and leaves no table', async () => {
    const big = `n\n${'123456789\n'.repeat(10_000)}`;
    const res = await createFrom(big, 'big.csv', 'too_big');
    expect(res.status).toBe(413);
    const missing = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/too_big',
    );
    expect(missing.status).toBe(404);
  });

  it('checks the table name and the file', async () => {
    const noName = await upload([['file', { content: 'a\n1\n', filename: 'a.csv' }]]);
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toMatch(/table_name/);
    const badName = await createFrom('a\n1\n', 'a.csv', 'Bad Name');
    expect(badName.status).toBe(400);
    const noFile = await upload([['table_name', 'nothing']]);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toMatch(/file/);
    const empty = await createFrom('', 'empty.csv', 'empty');
    expect(empty.status).toBe(400);
    const json = await server.call(server.adminToken, 'POST', '/api/workspaces/default/tables', {
      body: { table_name: 'x' },
    });
    expect(json.status).toBe(400);
  });
});

describe('create a table from a JSON file', () => {
  it('reads an array of objects', async () => {
    const json = JSON.stringify([
      { id: 1, name: 'a', tags: ['x'], at: '2024-01-02T03:04:05Z' },
      { id: 2, name: 'b', extra: true },
      { id: 3, name: null, tags: { nested: 1 } },
    ]);
    const res = await createFrom(json, 'rows.json', 'from_array');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.columns.map((c: any) => [c.name, c.type])).toEqual([
      ['id', 'int4'],
      ['name', 'text'],
      ['tags', 'jsonb'],
      ['at', 'timestamptz'],
      ['extra', 'bool'],
    ]);
    expect(await rows('SELECT * FROM from_array ORDER BY id')).toEqual([
      [1, 'a', ['x'], '2024-01-02T03:04:05Z', null],
      [2, 'b', null, null, true],
      [3, null, { nested: 1 }, null, null],
    ]);
  });

  it('reads one object per line, and names the bad line', async () => {
    const ok = await createFrom(
      '{"a": 1}\n{"a": 2.5}\n\n{"a": null}\n',
      'rows.jsonl',
      'from_lines',
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ row_count: 3, columns: [{ name: 'a', type: 'float8' }] });
    const bad = await createFrom('{"a": 1}\n{"a": \n', 'rows.jsonl', 'bad_lines');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/line 2/);
  });
});

describe('who may', () => {
  it('lets a member create tables, and hides the workspace from strangers', async () => {
    const member = await server.user('loader@example.com');
    await server.call(server.adminToken, 'POST', '/api/organizations/default/members', {
      body: { email: 'loader@example.com', role: 'member' },
    });
    const form = [
      ['file', { content: 'a\n1\n', filename: 'a.csv' }],
      ['table_name', 'by_member'],
    ] as [string, FormPart][];
    expect((await upload(form, member.token)).status).toBe(201);
    const stranger = await server.user('outsider@example.com');
    expect((await upload(form, stranger.token)).status).toBe(404);
  });
});

describe('bad uploads', () => {
  it('answers 400 "send one file" to a second file, and leaves no table', async () => {
    const res = await upload([
      ['file', { content: 'a\n1\n', filename: 'a.csv' }],
      ['file', { content: 'b\n2\n', filename: 'b.csv' }],
      ['table_name', 'two_files'],
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    expect(res.body.error.message).toMatch(/send one file/i);
    const missing = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/two_files',
    );
    expect(missing.status).toBe(404);
  });
});

describe('spool files', () => {
  let spoolDir: string;
  beforeAll(async () => {
    spoolDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-import-spool-'));
  });
  afterAll(() => fs.rm(spoolDir, { recursive: true, force: true }));

  const appOn = (dir: string) =>
    buildApp({ db: server.db, logger: createLogger('silent'), spoolDir: dir });
  const spooled = async () =>
    (await fs.readdir(spoolDir)).filter((name) => name.startsWith('import-')).sort();

  it('are removed after an import, whether it worked or not', async () => {
    const app = await appOn(spoolDir);
    try {
      for (const [content, table] of [
        ['a\n1\n', 'spool_ok'],
        ['a,b\n1\n', 'spool_bad'],
        ['', 'spool_empty'],
        ['[{"a": "\\u0000"}]', 'spool_nul'],
      ]) {
        const { payload, contentType } = await encodeForm([
          ['file', { content: content!, filename: table === 'spool_nul' ? 'a.json' : 'a.csv' }],
          ['table_name', table!],
        ]);
        const res = await app.inject({
          method: 'POST',
          url: '/api/workspaces/default/tables',
          payload,
          headers: { 'content-type': contentType, authorization: `Bearer ${server.adminToken}` },
        });
        expect(res.statusCode, res.body).toBe(table === 'spool_ok' ? 201 : 400);
        expect(await spooled()).toEqual([]);
      }
    } finally {
      await app.close();
    }
  });

  it('left by a server that was killed are removed at start; those of running imports are not', async () => {
    const uuid = () => randomUUID();
    const host = os.hostname();
    const dead = `import-${uuid()}-999999999-${host}`;
    const legacyOld = `import-${uuid()}`;
    const legacyFresh = `import-${uuid()}`;
    const foreignOld = `import-${uuid()}-1-another-host`;
    const foreignFresh = `import-${uuid()}-1-another-host`;
    const ownPidNotRunning = `import-${uuid()}-${process.pid}-${host}`;
    for (const name of [
      dead,
      legacyOld,
      legacyFresh,
      foreignOld,
      foreignFresh,
      ownPidNotRunning,
      'unrelated.txt',
    ]) {
      await fs.writeFile(path.join(spoolDir, name), 'a\n1\n');
    }
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    for (const name of [legacyOld, foreignOld]) {
      await fs.utimes(path.join(spoolDir, name), dayAgo, dayAgo);
    }

    // An import that is still arriving, on a server that is running.
    const running = await appOn(spoolDir);
    await running.listen({ port: 0, host: '127.0.0.1' });
    const { port } = running.server.address() as AddressInfo;
    const { payload, contentType } = await encodeForm([
      ['table_name', 'still_arriving'],
      ['file', { content: `n\n${'1\n'.repeat(10_000)}`, filename: 'n.csv' }],
    ]);
    const request = http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/api/workspaces/default/tables',
      headers: {
        authorization: `Bearer ${server.adminToken}`,
        'content-type': contentType,
        'content-length': payload.length,
      },
    });
    request.on('error', () => {});
    request.write(payload.subarray(0, payload.length / 2));
    try {
      const before = new Set(await spooled());
      let arriving: string | undefined;
      for (let i = 0; i < 500 && !arriving; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        arriving = (await spooled()).find((name) => !before.has(name));
      }
      expect(arriving).toBeDefined();

      const restarted = await appOn(spoolDir);
      await restarted.close();
      expect(await spooled()).toEqual([arriving!, foreignFresh, legacyFresh].sort());
      expect(await fs.readdir(spoolDir)).toContain('unrelated.txt');
    } finally {
      request.destroy();
      await running.close();
    }
  });
});
