import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableColumn } from '../../../contract/tables';
import { runBatch, runQuery } from '../../features/sql/api/run-query';
import { similarRowsQueryOptions } from '../../features/tables/api/similar-query';
import { useCreateTableFromFile } from '../../features/tables/api/table-create-mutation';
import { useDropTable } from '../../features/tables/api/table-drop-mutation';
import { tableDetailsQueryOptions } from '../../features/tables/api/table-query';
import { tableRowsQueryOptions } from '../../features/tables/api/table-rows-query';
import { tableListQueryOptions } from '../../features/tables/api/tables-query';
import { formatRowCount, formatSize } from '../../features/tables/lib/format';
import { signIn } from '../../lib/sign-in-state';
import { RECORDED } from '../recorded-answers';
import { answer, client, FakeXhr, mutationHook, replayed, ORG, orgHeader } from './helpers';

/**
 * A workspace's tables and SQL: every query and mutation against every recorded shape
 * (recorded-answers/workspaces-tables.ts), each sent with the org header.
 */

beforeEach(() => signIn('token'));

const QUERY = 'POST /workspaces/default/tables/query';

const COLUMNS: TableColumn[] = [
  { name: 'id', type: 'text', nullable: false, default: "''::text" },
  { name: 'summary', type: 'text', nullable: true, default: null },
];

describe('tables', () => {
  it("GET …/tables: the bundled server's list, with counts and sizes", async () => {
    const api = answer('GET /workspaces/default/tables', RECORDED.tables.bundled);
    expect(await client().fetchQuery(tableListQueryOptions(ORG, 'default'))).toEqual([
      { table_name: 'memory', row_count: 3, size_mb: 0.02 },
      { table_name: 'big', row_count: 2_000_000, size_mb: 512.5 },
    ]);
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('GET …/tables: the hosted list gives its table names', async () => {
    const api = answer('GET /workspaces/default/tables', RECORDED.tables.hosted);
    const tables = await client().fetchQuery(tableListQueryOptions(ORG, 'default'));
    expect(tables.map((table) => table.table_name)).toEqual(['memory']);
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  // The hosted list's entries may carry only table_name: count and size are unknown, shown as
  // such, never as "NaN".
  it('GET …/tables: a hosted entry without count or size shows them as unknown', async () => {
    answer('GET /workspaces/default/tables', RECORDED.tables.hosted);
    const [table] = await client().fetchQuery(tableListQueryOptions(ORG, 'default'));
    expect(table).toEqual({ table_name: 'memory', row_count: null, size_mb: null });
    expect(`${formatRowCount(table!)} rows · ${formatSize(table!.size_mb)}`).toBe('— rows · —');
  });

  // Deeplake's own clients read an answer without `tables` as no tables (`data.tables ?? []`).
  it('GET …/tables: an answer without tables is no tables', async () => {
    answer('GET /workspaces/default/tables', RECORDED.tables.hostedWithoutTables);
    expect(await client().fetchQuery(tableListQueryOptions(ORG, 'default'))).toEqual([]);
  });

  it('GET …/tables/{table} sends the org header and gives columns, count and size', async () => {
    const api = answer('GET /workspaces/default/tables/memory', RECORDED.table.bundled);
    expect(await client().fetchQuery(tableDetailsQueryOptions(ORG, 'default', 'memory'))).toEqual(
      RECORDED.table.bundled.body,
    );
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('DELETE …/tables/{table} sends the org header and no body; a 204 is done', async () => {
    const api = answer('DELETE /workspaces/default/tables/memory', RECORDED.table.dropped);
    const drop = mutationHook(() => useDropTable(ORG, 'default'));
    await act(async () => {
      expect(await drop.current.mutateAsync('memory')).toBeUndefined();
    });
    expect(api.requests[0]).toMatchObject({ method: 'DELETE', body: undefined });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('POST …/tables (multipart) sends table_name, filename and the file; reads the new table', async () => {
    FakeXhr.install();
    const create = mutationHook(() => useCreateTableFromFile(ORG, 'default'));
    const file = new File(['id,summary\na,first\n'], 'memory.csv', { type: 'text/csv' });
    let created: unknown;
    await act(async () => {
      const pending = create.current.mutateAsync({ file, tableName: 'imported' });
      await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
      FakeXhr.sent[0]!.answer(...replayed(RECORDED.table.createdFromFile));
      created = await pending;
    });
    expect(created).toEqual(RECORDED.table.createdFromFile.body);
    const xhr = FakeXhr.sent[0]!;
    expect(xhr).toMatchObject({ method: 'POST', url: '/api/workspaces/default/tables' });
    expect(xhr.headers.get('X-Activeloop-Org-Id')).toBe(ORG);
    expect(xhr.headers.get('Authorization')).toBe('Bearer token');
    // The browser writes the multipart Content-Type with its boundary.
    expect(xhr.headers.has('Content-Type')).toBe(false);
    expect(xhr.body!.get('table_name')).toBe('imported');
    expect(xhr.body!.get('filename')).toBe('memory.csv');
    expect((xhr.body!.get('file') as File).name).toBe('memory.csv');
  });
});

describe('SQL', () => {
  it('POST …/tables/query: rows null, rows missing and a bare row_count are no rows', async () => {
    answer('POST /workspaces/default/tables/query', RECORDED.query.rowsNull);
    expect(await runQuery(ORG, 'default', 'SELECT 1', [])).toEqual({
      columns: ['id'],
      rows: [],
      row_count: 0,
    });
    answer('POST /workspaces/default/tables/query', RECORDED.query.noRows);
    expect(await runQuery(ORG, 'default', 'DELETE FROM t', [])).toEqual({
      columns: [],
      rows: [],
      row_count: 3,
    });
  });

  it('POST …/tables/query sends {query, params} with the org header; hosted and bundled answers', async () => {
    const api = answer(QUERY, RECORDED.query.hosted);
    expect(await runQuery(ORG, 'default', 'SELECT * FROM memory WHERE id > $1', ['a'])).toEqual(
      RECORDED.query.hosted.body,
    );
    expect(api.requests[0]!.body).toEqual({
      query: 'SELECT * FROM memory WHERE id > $1',
      params: ['a'],
    });
    expect(orgHeader(api.requests[0])).toBe(ORG);

    // The bundled server's extras (types, command, committed …) pass through.
    answer(QUERY, RECORDED.query.bundled);
    expect(await runQuery(ORG, 'default', 'SELECT id, n FROM t', [])).toEqual(
      RECORDED.query.bundled.body,
    );
  });

  it('POST …/tables/query/batch sends {query, params_batch} with the org header', async () => {
    const api = answer('POST /workspaces/default/tables/query/batch', RECORDED.batch.bundled);
    const rows = [[1], [2]];
    expect(await runBatch(ORG, 'default', 'INSERT INTO t (n) VALUES ($1)', rows)).toEqual(
      RECORDED.batch.bundled.body,
    );
    expect(api.requests[0]!.body).toEqual({
      query: 'INSERT INTO t (n) VALUES ($1)',
      params_batch: [[1], [2]],
    });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('a table page asks for one row more than it shows, and knows there is a next page', async () => {
    const api = answer(QUERY, RECORDED.query.hosted);
    const view = { page: 1, pageSize: 2, sort: null, filters: [] };
    const page = await client().fetchQuery(
      tableRowsQueryOptions(ORG, 'default', 'memory', COLUMNS, view),
    );
    expect(page.rows).toEqual([
      ['a', 'first'],
      ['b', 'second'],
    ]);
    expect(page.hasNext).toBe(true);
    expect(page.query.sql).toMatch(/FROM "default"\."memory"/);
    expect(api.requests[0]!.body).toEqual({ query: page.query.sql, params: [3, 0] });
    expect(orgHeader(api.requests[0])).toBe(ORG);

    answer(QUERY, RECORDED.query.rowsNull);
    const empty = await client().fetchQuery(
      tableRowsQueryOptions(ORG, 'default', 'memory', COLUMNS, view),
    );
    expect(empty).toMatchObject({ rows: [], hasNext: false });
  });

  it('similar rows send the vector as a parameter and read the scored rows', async () => {
    const api = answer(QUERY, RECORDED.query.similar);
    const { result, query } = await client().fetchQuery(
      similarRowsQueryOptions({
        orgId: ORG,
        workspaceId: 'default',
        table: 'memory',
        column: 'embedding',
        columnNames: ['id', 'embedding'],
        vector: [0.1, 0.2],
      }),
    );
    expect(result).toEqual(RECORDED.query.similar.body);
    expect(query.sql).toMatch(/"embedding" <#> \$1::float4\[\]/);
    expect(api.requests[0]!.body).toEqual({ query: query.sql, params: [[0.1, 0.2], 20] });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });
});
