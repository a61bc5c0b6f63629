import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';
import { checkStatement, loadGuard } from './guard';

/**
 * pg_deeplake's SQL on the bundled server (workspace migrations 001 and 002), through the query
 * endpoint as a workspace runs it: the agent skill's examples verbatim, BM25 against its formula, the domain
 * types, deeplake_sync_table, and that none of it opens a way into another workspace or into
 * the schema the shared types live in.
 */

type Answer = { status: number; body: any };

let server: TestServer;
const sqlIn =
  (workspace: string) =>
  (query: string, params?: unknown[]): Promise<Answer> =>
    server.call(server.adminToken, 'POST', `/api/workspaces/${workspace}/tables/query`, {
      body: params ? { query, params } : { query },
    });
const sql = sqlIn('default');
const neighbour = sqlIn('neighbour');

async function ok(answer: Promise<Answer>) {
  const res = await answer;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function refused(answer: Promise<Answer>, status: number, message?: RegExp) {
  const res = await answer;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (message) expect(res.body.error.message).toMatch(message);
  return res.body.error;
}

beforeAll(async () => {
  await loadGuard();
  server = await createTestServer();
  const created = await server.call(server.adminToken, 'POST', '/api/workspaces', {
    body: { id: 'neighbour', name: 'Neighbour' },
  });
  expect(created.status).toBe(201);
  await ok(neighbour('CREATE TABLE secrets (id int PRIMARY KEY, body text) USING deeplake'));
  await ok(neighbour("INSERT INTO secrets VALUES (1, 'the crown jewels')"));
  await ok(neighbour('CREATE INDEX ON secrets USING deeplake_index (body)'));
});
afterAll(() => server?.close());

// BM25 as the README states it: k1 = 1.2, b = 0.75, idf = ln(1 + (N − df + 0.5) / (df + 0.5)).
const K1 = 1.2;
const B = 0.75;
function bm25(
  terms: { tf: number; df: number }[],
  length: number,
  corpus: { documents: number; averageLength: number },
) {
  let score = 0;
  for (const { tf, df } of terms) {
    const idf = Math.log(1 + (corpus.documents - df + 0.5) / (df + 0.5));
    score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / corpus.averageLength));
  }
  return score;
}

/** The `documents` table of the skill's examples. Words chosen so the english stemmer keeps them. */
const DOCUMENTS: [number, string, number[]][] = [
  [1, 'rare alpha', [0, 1, 0]],
  [2, 'common alpha', [1, 0, 0]],
  [3, 'common alpha beta gamma delta lemon mango kiwi', [1, 1, 0]],
  [4, 'common beta', [0, 0, 1]],
  [5, 'common gamma', [0, 1, 1]],
  [6, 'zebra mango', [1, 0, 2]],
  // 'an' is a stop word: two tokens, "import" and "keyword".
  [7, 'an important keyword', [0, 0, 0]],
];
// 7 documents, 20 tokens.
const CORPUS = { documents: 7, averageLength: 20 / 7 };

const scoresById = (rows: unknown[][], scoreColumn: number) =>
  Object.fromEntries(rows.map((row) => [row[0], row[scoreColumn]])) as Record<number, number>;

describe('BM25 text search: text <#> query', () => {
  beforeAll(async () => {
    await ok(
      sql(
        'CREATE TABLE documents (id int PRIMARY KEY, text TEXT, embedding EMBEDDING) USING deeplake',
      ),
    );
    for (const [id, text, embedding] of DOCUMENTS) {
      await ok(
        sql('INSERT INTO documents (id, text, embedding) VALUES ($1, $2, $3::float4[])', [
          id,
          text,
          embedding,
        ]),
      );
    }
  });

  it('without a text index, scores term frequency as a share of the tokens', async () => {
    const body = await ok(
      sql(`SELECT id, text <#> 'rare common' AS score FROM documents ORDER BY id`),
    );
    expect(body.types).toEqual(['int4', 'float8']);
    const scores = scoresById(body.rows, 1);
    expect(scores[1]).toBe(0.5);
    expect(scores[2]).toBe(0.5);
    expect(scores[3]).toBe(1 / 8);
    expect(scores[6]).toBe(0);
    const literal = await ok(sql(`SELECT 'cat cat dog' <#> 'cats' AS score`));
    expect(literal.rows).toEqual([[2 / 3]]);
  });

  it('a text deeplake_index (the skill’s statement) makes it BM25 over the column', async () => {
    await ok(sql('CREATE INDEX ON documents USING deeplake_index (text);'));
    await ok(sql('CREATE INDEX ON documents USING deeplake_index (embedding);'));
    const indexes = await ok(
      sql(`SELECT indexdef FROM pg_indexes WHERE tablename = 'documents' ORDER BY indexname`),
    );
    expect(indexes.rows.flat()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/USING deeplake_index \(text\)$/),
        expect.stringMatching(/USING deeplake_index \(embedding\)$/),
      ]),
    );

    const body = await ok(
      sql(`SELECT id, text <#> 'rare common' AS score FROM documents ORDER BY score DESC, id`),
    );
    const ranked = body.rows.map((row: unknown[]) => row[0]);
    // The rarer term outweighs the common one; the longer document with the common term ranks
    // below the short ones; documents without either term score 0.
    expect(ranked).toEqual([1, 2, 4, 5, 3, 6, 7]);
    const scores = scoresById(body.rows, 1);
    expect(scores[1]).toBeCloseTo(bm25([{ tf: 1, df: 1 }], 2, CORPUS), 12);
    expect(scores[2]).toBeCloseTo(bm25([{ tf: 1, df: 4 }], 2, CORPUS), 12);
    expect(scores[3]).toBeCloseTo(bm25([{ tf: 1, df: 4 }], 8, CORPUS), 12);
    expect(scores[6]).toBe(0);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    expect(scores[2]).toBeGreaterThan(scores[3]!);
  });

  it('keeps the statistics current through writes, in the same transaction', async () => {
    const score = async () =>
      (await ok(sql(`SELECT text <#> 'rare' FROM documents WHERE id = 1`))).rows[0][0];
    await ok(sql(`INSERT INTO documents (id, text) VALUES (8, 'rare rare beta')`));
    // 8 documents, 23 tokens, "rare" in 2 of them.
    expect(await score()).toBeCloseTo(
      bm25([{ tf: 1, df: 2 }], 2, { documents: 8, averageLength: 23 / 8 }),
      12,
    );
    await ok(sql(`UPDATE documents SET text = 'plain beta' WHERE id = 8`));
    expect(await score()).toBeCloseTo(
      bm25([{ tf: 1, df: 1 }], 2, { documents: 8, averageLength: 22 / 8 }),
      12,
    );
    await ok(sql(`DELETE FROM documents WHERE id = 8`));
    expect(await score()).toBeCloseTo(bm25([{ tf: 1, df: 1 }], 2, CORPUS), 12);
  });

  it('runs the skill’s BM25 examples verbatim', async () => {
    const literal = await ok(
      sql(`SELECT id, text, text <#> 'search query' AS score
FROM documents
ORDER BY score DESC
LIMIT 10;`),
    );
    expect(literal.columns).toEqual(['id', 'text', 'score']);
    expect(literal.rows).toHaveLength(7);
    const param = await ok(
      sql(
        `
    SELECT id, text, text <#> $1 AS score
    FROM documents
    ORDER BY score DESC
    LIMIT 10
`,
        ['mango kiwi'],
      ),
    );
    // Both terms, one of them in no other document, outweigh the length of the text.
    expect(param.rows[0]).toEqual([
      3,
      'common alpha beta gamma delta lemon mango kiwi',
      expect.any(Number),
    ]);
  });

  it('scores NULL text 0, a NULL query NULL, a query of stop words only 0', async () => {
    const body = await ok(
      sql(`SELECT NULL::text <#> 'rare', 'rare' <#> NULL::text, 'rare alpha' <#> 'the and'`),
    );
    expect(body.rows).toEqual([[0, null, 0]]);
  });
});

describe('text contains: text @> keyword', () => {
  it('runs the skill’s examples verbatim', async () => {
    const literal = await ok(
      sql(`SELECT * FROM documents
WHERE text @> 'important keyword';`),
    );
    expect(literal.rows.map((row: unknown[]) => row[0])).toEqual([7]);
    const param = await ok(
      sql(
        `
          SELECT * FROM documents
          WHERE text @> $1
      `,
        ['keyword'],
      ),
    );
    expect(param.rows.map((row: unknown[]) => row[0])).toEqual([7]);
  });

  it('is an exact, case-sensitive match of the text as written', async () => {
    const body = await ok(
      sql(
        `SELECT 'an important keyword' @> 'Important', 'an important keyword' @> 'tant key',
                'an important keyword' @> '', 'x' @> NULL::text`,
      ),
    );
    expect(body.rows).toEqual([[false, true, true, null]]);
    // Arrays and jsonb keep their own @>.
    const others = await ok(sql(`SELECT ARRAY[1, 2] @> ARRAY[2], '{"a": 1}'::jsonb @> '{"a": 1}'`));
    expect(others.rows).toEqual([[true, true]]);
  });
});

describe('hybrid search: deeplake_hybrid_record', () => {
  // Query vector [1, 0, 0] and text "rare", weighted 0.7 and 0.3: the text part is BM25 divided
  // by the best score the query could reach (idf × (k1 + 1) per term).
  const queryVector = [1, 0, 0];
  const textPart = (0.3 * bm25([{ tf: 1, df: 1 }], 2, CORPUS)) / (Math.log(1 + 6.5 / 1.5) * 2.2);

  it('runs the reference’s Python example verbatim', async () => {
    const body = await ok(
      sql(
        `
    SELECT id, text,
           (embedding, text)::deeplake_hybrid_record <#>
           deeplake_hybrid_record($1, $2, 0.7, 0.3) AS score
    FROM documents
    ORDER BY score DESC
    LIMIT 10
`,
        [queryVector, 'rare'],
      ),
    );
    expect(body.columns).toEqual(['id', 'text', 'score']);
    expect(body.rows.map((row: unknown[]) => row[0]).slice(0, 4)).toEqual([2, 3, 6, 1]);
    const scores = scoresById(body.rows, 2);
    expect(scores[2]).toBeCloseTo(0.7, 6);
    expect(scores[3]).toBeCloseTo(0.7 * Math.SQRT1_2, 6);
    expect(scores[6]).toBeCloseTo(0.7 / Math.sqrt(5), 6);
    expect(scores[1]).toBeCloseTo(textPart, 12);
    // A zero vector and no matching term: nothing to add, 0 rather than NULL.
    expect(scores[7]).toBe(0);
  });

  it('runs the skill’s decision-tree example verbatim (table named documents)', async () => {
    const body = await ok(
      sql(
        `
           SELECT *, (embedding, text)::deeplake_hybrid_record <#>
           deeplake_hybrid_record($1, $2, 0.7, 0.3) AS score
           FROM documents ORDER BY score DESC LIMIT 10
       `,
        [queryVector, 'rare'],
      ),
    );
    expect(body.columns).toEqual(['id', 'text', 'embedding', 'score']);
    expect(body.rows[0]).toEqual([2, 'common alpha', [1, 0, 0], expect.any(Number)]);
  });

  it('takes the row without the cast, and vector literals, as the newer docs write it', async () => {
    const body = await ok(
      sql(`SELECT id, (embedding, text) <#> deeplake_hybrid_record(
        ARRAY[1, 0, 0]::float4[], 'rare', 0.5, 0.5) AS score
        FROM documents ORDER BY score DESC, id LIMIT 3`),
    );
    // 0.5 × 1, 0.5 × 0.707, then 0.5 × 0.518 (BM25 of "rare alpha", normalised) above 0.5 × 0.447.
    expect(body.rows.map((row: unknown[]) => row[0])).toEqual([2, 3, 1]);
    const textOnly = await ok(
      sql(
        `SELECT (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 0, 1)
           FROM documents WHERE id = 1`,
        [queryVector, 'rare'],
      ),
    );
    expect(textOnly.rows[0][0]).toBeCloseTo(textPart / 0.3, 12);
  });

  it('still scores float4[] <#> float4[] as cosine similarity', async () => {
    const body = await ok(
      sql(
        `SELECT id, embedding <#> ARRAY[0.1, 0.2, 0.3]::FLOAT4[] AS score
           FROM documents WHERE id IN (2, 4) ORDER BY id`,
      ),
    );
    expect(body.rows[0][1]).toBeCloseTo(0.1 / Math.sqrt(0.14), 6);
    expect(body.rows[1][1]).toBeCloseTo(0.3 / Math.sqrt(0.14), 6);
  });
});

describe('domain types', () => {
  it('inserts image bytes as the reference does, and reads them back', async () => {
    await ok(sql('CREATE TABLE images (id text PRIMARY KEY, img IMAGE)'));
    await ok(
      sql(`INSERT INTO images (id, img)
VALUES ('img_0', decode('89504e470d0a1a0a', 'hex')::IMAGE);`),
    );
    await ok(
      sql("INSERT INTO images (id, img) VALUES ($1, decode($2, 'hex')::IMAGE)", [
        'img_1',
        '89504e470d0a1a0aff',
      ]),
    );
    const body = await ok(
      sql('SELECT id, img, pg_typeof(img)::text AS type FROM images ORDER BY id'),
    );
    // Results carry the base type: bytea, as base64.
    expect(body.types).toEqual(['text', 'bytea', 'text']);
    expect(body.rows).toEqual([
      ['img_0', Buffer.from('89504e470d0a1a0a', 'hex').toString('base64'), 'image'],
      ['img_1', Buffer.from('89504e470d0a1a0aff', 'hex').toString('base64'), 'image'],
    ]);
  });

  it('creates a column of every type and round-trips a row', async () => {
    await ok(
      sql(`CREATE TABLE samples (
        id int PRIMARY KEY,
        image IMAGE, embedding EMBEDDING, segment_mask SEGMENT_MASK, binary_mask BINARY_MASK,
        bounding_box BOUNDING_BOX, class_label CLASS_LABEL, polygon DEEPLAKE_POLYGON,
        point DEEPLAKE_POINT, mesh MESH, medical MEDICAL
      ) USING deeplake`),
    );
    await ok(
      sql(
        `INSERT INTO samples VALUES (1, decode($1, 'hex')::IMAGE, $2::float4[], decode('0001', 'hex'),
           '\\x01'::bytea, '{10, 20, 30.5, 40}', 7, decode('abcd', 'hex'), ARRAY[1.5, 2]::float4[],
           'ply'::bytea, 'DICM'::bytea)`,
        ['ffd8ff', [0.25, -1, 3]],
      ),
    );
    const body = await ok(sql('SELECT * FROM samples'));
    expect(body.types).toEqual([
      'int4',
      'bytea',
      '_float4',
      'bytea',
      'bytea',
      '_float4',
      'int4',
      'bytea',
      '_float4',
      'bytea',
      'bytea',
    ]);
    const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
    expect(body.rows).toEqual([
      [
        1,
        b64('ffd8ff'),
        [0.25, -1, 3],
        b64('0001'),
        b64('01'),
        [10, 20, 30.5, 40],
        7,
        b64('abcd'),
        [1.5, 2],
        Buffer.from('ply').toString('base64'),
        Buffer.from('DICM').toString('base64'),
      ],
    ]);
    const declared = await ok(
      sql(`SELECT column_name, domain_name, data_type FROM information_schema.columns
            WHERE table_name = 'samples' AND domain_name IS NOT NULL ORDER BY ordinal_position`),
    );
    expect(declared.rows).toEqual([
      ['image', 'image', 'bytea'],
      ['embedding', 'embedding', 'ARRAY'],
      ['segment_mask', 'segment_mask', 'bytea'],
      ['binary_mask', 'binary_mask', 'bytea'],
      ['bounding_box', 'bounding_box', 'ARRAY'],
      ['class_label', 'class_label', 'integer'],
      ['polygon', 'deeplake_polygon', 'bytea'],
      ['point', 'deeplake_point', 'ARRAY'],
      ['mesh', 'mesh', 'bytea'],
      ['medical', 'medical', 'bytea'],
    ]);
  });

  it('takes a JSON array for an EMBEDDING or BOUNDING_BOX parameter, as for its base type', async () => {
    await ok(sql('CREATE TABLE vectors (id int, embedding EMBEDDING, box BOUNDING_BOX)'));
    // No cast in the statement: PostgreSQL describes $2 and $3 by the columns' domain types.
    await ok(
      sql('INSERT INTO vectors (id, embedding, box) VALUES ($1, $2, $3)', [
        1,
        [0.6, 0.8],
        [10, 20, 30, 40],
      ]),
    );
    const batch = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query/batch',
      {
        body: {
          query: 'INSERT INTO vectors (id, embedding) VALUES ($1, $2)',
          params_batch: [
            [2, [1, 0]],
            [3, [0, 1]],
          ],
        },
      },
    );
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    const body = await ok(
      sql(
        'SELECT id, embedding, box FROM vectors WHERE embedding <#> $1 > 0.9 OR id = 1 ORDER BY id',
        [[1, 0]],
      ),
    );
    expect(body.rows).toEqual([
      [1, [0.6, 0.8], [10, 20, 30, 40]],
      [2, [1, 0], null],
    ]);
  });
});

describe('deeplake_sync_table', () => {
  it('succeeds for a table of the workspace, leaving its statistics as they are', async () => {
    const before = await ok(sql(`SELECT id, text <#> 'rare common' FROM documents ORDER BY id`));
    const body = await ok(sql(`SELECT deeplake_sync_table('documents')`));
    expect(body.columns).toEqual(['deeplake_sync_table']);
    expect(body.rows).toHaveLength(1);
    await ok(sql(`SELECT deeplake_sync_table('"default".images')`));
    const after = await ok(sql(`SELECT id, text <#> 'rare common' FROM documents ORDER BY id`));
    expect(after.rows).toEqual(before.rows);
  });

  it('fails clearly for an unknown table, and for anything not the workspace’s', async () => {
    const unknown = await refused(sql(`SELECT deeplake_sync_table('no_such_table')`), 400);
    expect(unknown).toMatchObject({
      sqlstate: '42P01',
      message: 'table "no_such_table" does not exist',
    });
    // Another workspace's schema is in another database: not there at all.
    await refused(sql(`SELECT deeplake_sync_table('neighbour.secrets')`), 400, /does not exist/);
    await refused(sql(`SELECT deeplake_sync_table('pg_catalog.pg_class')`), 403, /owner/);
    const view = await refused(sql(`SELECT deeplake_sync_table('pg_catalog.pg_tables')`), 400);
    expect(view).toMatchObject({ sqlstate: '42809' });
  });
});

describe('no door opened', () => {
  it('a workspace cannot create, change or drop anything in the shared types’ schema', async () => {
    await refused(sql('CREATE TABLE public.planted (a int)'), 403);
    await refused(sql('CREATE DOMAIN public.image2 AS bytea'), 403);
    await refused(sql('CREATE TYPE public.planted AS (a int)'), 403);
    await refused(sql('CREATE VIEW public.planted AS SELECT 1'), 403);
    await refused(sql('DROP DOMAIN image'), 403);
    await refused(sql('DROP TYPE deeplake_hybrid_record CASCADE'), 403);
    await refused(sql('ALTER TYPE image RENAME TO picture'), 403);
    await refused(sql('ALTER DOMAIN image ADD CHECK (false)'), 403);
    await refused(sql(`COMMENT ON DOMAIN embedding IS 'mine'`), 403);
    await refused(sql('DROP OPERATOR <#> (text, text)'), 403);
    await refused(sql('DROP FUNCTION deeplake_sync_table(text)'), 403);
    // The workspace's own objects still go in its own schema.
    await ok(sql('CREATE DOMAIN label_text AS text'));
    const where = await ok(
      sql(`SELECT n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typname = 'label_text'`),
    );
    expect(where.rows).toEqual([['default']]);
  });

  it('cannot read another workspace’s table through the text operators', async () => {
    const absent = /relation "neighbour.secrets" does not exist/;
    await refused(sql(`SELECT body <#> 'crown' FROM neighbour.secrets`), 400, absent);
    await refused(sql(`SELECT id FROM neighbour.secrets WHERE body @> 'crown'`), 400, absent);
    await refused(
      sql(`SELECT (NULL::float4[], body)::deeplake_hybrid_record <#>
             deeplake_hybrid_record(NULL, 'crown', 0, 1) FROM neighbour.secrets`),
      400,
      absent,
    );
  });

  it('never uses another workspace’s statistics, even for the very same text', async () => {
    // "the" is a stop word: two tokens, one of them "crown".
    const own = await ok(neighbour(`SELECT body <#> 'crown' FROM secrets`));
    expect(own.rows[0][0]).toBeCloseTo(
      bm25([{ tf: 1, df: 1 }], 2, { documents: 1, averageLength: 2 }),
      12,
    );
    const here = await ok(sql(`SELECT 'the crown jewels' <#> 'crown'`));
    expect(here.rows).toEqual([[0.5]]);
    const asked = await ok(
      sql(
        `SELECT documents, document_frequencies
           FROM deeplake_text_statistics('the crown jewels', ARRAY['crown'], 'neighbour')`,
      ),
    );
    expect(asked.rows).toEqual([[0, [0]]]);
  });

  it('cannot reach the statistics, nor the functions that keep them', async () => {
    await refused(sql('SELECT * FROM deeplake_internal.text_terms'), 403);
    await refused(sql('SELECT * FROM deeplake_internal.text_corpora'), 403);
    await refused(sql('SELECT deeplake_internal.text_statistics_attach(1)'), 403);
    // A table of its own database it does not own: the catalog's.
    await refused(sql(`SELECT deeplake_sync_text_statistics('pg_class'::regclass)`), 403, /owner/);
  });
});

describe('the statement check lets the examples through as written', () => {
  it.each([
    `SELECT id, text, text <#> 'search query' AS score FROM documents ORDER BY score DESC LIMIT 10;`,
    `SELECT * FROM documents WHERE text @> 'important keyword';`,
    `SELECT id, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 0.7, 0.3) AS score FROM documents ORDER BY score DESC LIMIT 10`,
    `INSERT INTO images (id, img) VALUES ($1, decode($2, 'hex')::IMAGE)`,
    `SELECT deeplake_sync_table('documents')`,
    `CREATE TABLE t (a IMAGE, b EMBEDDING, c SEGMENT_MASK, d BINARY_MASK, e BOUNDING_BOX, f CLASS_LABEL, g DEEPLAKE_POLYGON, h DEEPLAKE_POINT, i MESH, j MEDICAL)`,
  ])('%s', (statement) => {
    expect(checkStatement(statement)).toMatchObject({ text: statement, rewritten: false });
  });

  it('adapts a Deeplake BM25 index statement on a text column', () => {
    const checked = checkStatement(
      `CREATE INDEX IF NOT EXISTS idx_docs_bm25 ON "default"."documents" USING deeplake_index (text) WITH (index_type = 'bm25')`,
    );
    expect(checked).toMatchObject({ rewritten: true });
    expect(checked.text).toMatch(/USING deeplake_index \((text|"text")\)$/);
  });
});
