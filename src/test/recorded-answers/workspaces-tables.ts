import { DOCS_INGESTION, HIVEMIND, HIVEMIND_API, HIVEMIND_TESTS } from './sources';
import { NO_HOSTED_SOURCE, type RecordedGroup } from './types';

/** Workspaces, their tables, and SQL through the query endpoints. */

const workspace = {
  id: 'default',
  org_id: 'default',
  name: 'Default',
  type: 'deeplake',
  created_at: '2026-11-20T10:00:00Z',
};

const memoryTable = {
  table_name: 'memory',
  row_count: 3,
  size_mb: 0.02,
  columns: [
    { name: 'id', type: 'text', nullable: false, default: "''::text" },
    { name: 'summary', type: 'text', nullable: true, default: null },
    { name: 'embedding', type: '_float4', nullable: true, default: null },
  ],
};

export const WORKSPACES_TABLES = {
  workspaces: {
    hosted: {
      source: `${HIVEMIND} commit 091e986 "listWorkspaces — API returns {data:[...]}"; a name can be missing`,
      status: 200,
      body: { data: [{ id: 'default', name: 'Default' }, { id: 'scratch' }] },
    },
    bundled: {
      source: 'bundled server: server/routes/workspaces/routes.ts (GET /workspaces: {data})',
      status: 200,
      body: { data: [workspace] },
    },
    bundledBefore: {
      source: 'bundled server: server/routes/workspaces/routes.ts until issue 13',
      status: 200,
      body: { workspaces: [workspace] },
    },
  },
  workspace: {
    bundled: {
      source: `bundled server: server/routes/workspaces/routes.ts (GET /workspaces/:ws); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { workspace },
    },
    created: {
      source: `bundled server: server/routes/workspaces/routes.ts (POST /workspaces, 201); ${NO_HOSTED_SOURCE}`,
      status: 201,
      body: { workspace: { ...workspace, id: 'analytics', name: 'Analytics' } },
    },
    renamed: {
      source: `bundled server: server/routes/workspaces/routes.ts (PATCH /workspaces/:ws); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { workspace: { ...workspace, name: 'Renamed' } },
    },
    deleted: {
      source: `bundled server: server/routes/workspaces/routes.ts (DELETE /workspaces/:ws, 204); ${NO_HOSTED_SOURCE}`,
      status: 204,
      body: undefined,
    },
  },
  tables: {
    hosted: {
      source: `${HIVEMIND_API} (listTables reads only tables[].table_name); nothing more of the hosted answer is shown`,
      status: 200,
      body: { tables: [{ table_name: 'memory' }] },
    },
    hostedWithoutTables: {
      source: `${HIVEMIND_API} (listTables: \`data.tables ?? []\` — clients take a missing tables for none)`,
      status: 200,
      body: {},
    },
    bundled: {
      source: 'bundled server: server/routes/tables/routes.ts (GET /workspaces/:ws/tables)',
      status: 200,
      body: {
        tables: [
          { table_name: 'memory', row_count: 3, size_mb: 0.02 },
          { table_name: 'big', row_count: 2_000_000, size_mb: 512.5 },
        ],
      },
    },
  },
  table: {
    bundled: {
      source: `bundled server: server/routes/tables/routes.ts (GET /workspaces/:ws/tables/:table); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: memoryTable,
    },
    createdFromFile: {
      source: `bundled server: server/routes/tables/routes.ts (POST /workspaces/:ws/tables, multipart, 201); ${NO_HOSTED_SOURCE} (${DOCS_INGESTION} documents the upload, not its answer)`,
      status: 201,
      body: { ...memoryTable, table_name: 'imported' },
    },
    dropped: {
      source: `bundled server: server/routes/tables/routes.ts (DELETE /workspaces/:ws/tables/:table, 204); ${NO_HOSTED_SOURCE}`,
      status: 204,
      body: undefined,
    },
  },
  query: {
    hosted: {
      source: `${HIVEMIND_API} (query reads {columns, rows, row_count})`,
      status: 200,
      body: {
        columns: ['id', 'summary'],
        rows: [
          ['a', 'first'],
          ['b', 'second'],
          ['c', 'third'],
        ],
        row_count: 3,
      },
    },
    rowsNull: {
      source: `${HIVEMIND_TESTS}: rows: null is no rows`,
      status: 200,
      body: { columns: ['id'], rows: null, row_count: 0 },
    },
    noRows: {
      source: `${HIVEMIND_TESTS}: a missing rows is no rows`,
      status: 200,
      body: { columns: [], row_count: 3 },
    },
    bundled: {
      source: 'bundled server: server/routes/tables/routes.ts and server/sql/executor.ts (extras)',
      status: 200,
      body: {
        columns: ['id', 'n'],
        rows: [['a', 1]],
        row_count: 1,
        types: ['text', 'int4'],
        command: 'SELECT',
        duration_ms: 1.25,
        truncated: false,
        committed: true,
      },
    },
    similar: {
      source: `${HIVEMIND_API} (query answers {columns, rows, row_count}); the score column is the console's own`,
      status: 200,
      body: {
        columns: ['similarity', 'id', 'embedding'],
        rows: [
          [0.99, 'a', [0.1, 0.2]],
          [0.5, 'b', [0.3, 0.1]],
        ],
        row_count: 2,
      },
    },
  },
  batch: {
    bundled: {
      source: `bundled server: server/routes/tables/routes.ts (POST …/tables/query/batch) and server/sql/executor.ts; ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: {
        row_count: 2,
        results: [{ row_count: 1 }, { row_count: 1 }],
        command: 'INSERT',
        duration_ms: 2.5,
        committed: true,
      },
    },
  },
} satisfies RecordedGroup;
