import { describe, expect, it, vi } from 'vitest';
import {
  collect,
  parseOne,
  refusal,
  syntaxError,
  useGuardDatabase,
  W,
} from '../test/guard-support';
import { EmptyStatement, checkStatement, loadGuard } from './guard';

/**
 * The statement guard as a whole: loading it, the docs' examples, several statements, empty
 * input, syntax errors, where refusals point, parameters, the CREATE INDEX rewrite, speed. Which
 * statements are allowed is in ./guard-statements.test.ts, the function denylist in
 * ./guard-functions.test.ts, batch rewriting in ./guard-batch.test.ts.
 */

const { onPg, pgError } = useGuardDatabase();

describe('loadGuard', () => {
  it('loads once: later calls share the first load', () => {
    expect(loadGuard()).toBe(loadGuard());
  });

  it('checkStatement says so when the parser is not loaded yet', async () => {
    vi.resetModules();
    const fresh = await import('./guard');
    expect(() => fresh.checkStatement('select 1')).toThrow(/loadGuard\(\)/);
    await fresh.loadGuard();
    expect(fresh.checkStatement('select 1').kind).toBe('SelectStmt');
  });
});

describe("the docs' examples", () => {
  const examples: [string, string][] = [
    [
      'CreateStmt',
      `CREATE TABLE IF NOT EXISTS "${W}"."documents" (id SERIAL PRIMARY KEY, title TEXT, content TEXT, metadata JSONB, embedding FLOAT4[], created_at TIMESTAMPTZ DEFAULT NOW()) USING deeplake`,
    ],
    [
      'InsertStmt',
      `INSERT INTO "${W}"."documents" (title, content, metadata) VALUES ($1, $2, $3::jsonb)`,
    ],
    ['UpdateStmt', `UPDATE "${W}"."documents" SET content = $1 WHERE title = $2`],
    ['DeleteStmt', `DELETE FROM "${W}"."documents" WHERE title = $1`],
    [
      'SelectStmt',
      `SELECT id, title, content FROM "${W}"."documents" WHERE metadata->>$1 = $2 ORDER BY created_at DESC LIMIT 20`,
    ],
    [
      'SelectStmt',
      `SELECT metadata->>$1 AS source, COUNT(*) AS doc_count FROM "${W}"."documents" GROUP BY metadata->>$1 ORDER BY doc_count DESC`,
    ],
    [
      'SelectStmt',
      `SELECT id, title, embedding <#> ARRAY[0.1, 0.2, 0.3]::float4[] AS score FROM "${W}"."documents" ORDER BY score DESC LIMIT 5`,
    ],
    ['UpdateStmt', `UPDATE "${W}"."documents" SET metadata = $1::jsonb WHERE title = $2`],
  ];

  it.each(examples)('%s passes unchanged: %s', (kind, sql) => {
    const checked = checkStatement(sql);
    expect(checked).toMatchObject({ kind, text: sql, rewritten: false });
  });

  it('the CREATE INDEX … USING deeplake_index example is rewritten for the hash handler', () => {
    const sql = `CREATE INDEX IF NOT EXISTS idx_vec ON "${W}"."documents" USING deeplake_index (embedding DESC)`;
    const checked = checkStatement(sql);
    expect(checked).toMatchObject({ kind: 'IndexStmt', rewritten: true, paramCount: 0 });
    expect(checked.text).toBe(
      `CREATE INDEX IF NOT EXISTS idx_vec ON ${W}.documents USING deeplake_index (embedding)`,
    );
  });

  it('all of them run on PostgreSQL with the deeplake access methods', async () => {
    const params: Record<string, unknown[]> = {
      INSERT: ['Intro', 'Hello', '{"source": "web"}'],
      'UPDATE "ws1"."documents" SET content': ['Hi', 'Intro'],
      DELETE: ['Nothing'],
      'SELECT id, title, content': ['source', 'web'],
      'SELECT metadata': ['source'],
      'UPDATE "ws1"."documents" SET metadata': ['{"source": "api"}', 'Intro'],
    };
    await onPg(async (client) => {
      for (const [, sql] of examples) {
        // <#> is pgvector's operator: plain PostgreSQL has no such operator on real[].
        if (sql.includes('<#>')) continue;
        const key = Object.keys(params).find((prefix) => sql.startsWith(prefix));
        const { text, paramCount } = checkStatement(sql);
        const values = key ? params[key]! : [];
        expect(values).toHaveLength(paramCount);
        await client.query(text, values);
      }
      await client.query(
        checkStatement(
          `CREATE INDEX IF NOT EXISTS idx_vec ON "${W}"."documents" USING deeplake_index (embedding DESC)`,
        ).text,
      );
      await client.query(
        checkStatement(
          `CREATE INDEX idx_title ON "${W}"."documents" USING deeplake_index (title) WITH (index_type = 'bm25')`,
        ).text,
      );
      const indexes = await client.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'idx_%' ORDER BY 1`,
        [W],
      );
      expect(indexes.map((row) => row.indexdef)).toEqual([
        `CREATE INDEX idx_title ON ${W}.documents USING deeplake_index (title)`,
        `CREATE INDEX idx_vec ON ${W}.documents USING deeplake_index (embedding)`,
      ]);
    });
  });
});

describe('more than one statement', () => {
  it('is refused with the count and the position of the second statement', () => {
    const error = refusal('select 1; select 2;\n  select 3');
    expect(error.message).toBe('Send one statement per request (found 3)');
    expect(error.position).toBe(11);
    expect(error.sqlstate).toBe('42601');
  });

  it('counts only real statements (empty ones between semicolons are not)', () => {
    expect(refusal('select 1;;; select 2').message).toBe(
      'Send one statement per request (found 2)',
    );
  });

  it('is refused even when every statement would be allowed, or one hides after a comment', () => {
    expect(refusal('select 1; /* ; */ -- x\n set role postgres').position).toBe(25);
    expect(refusal("select 'é'; select 2").position).toBe(13);
  });

  it('a trailing semicolon is one statement', () => {
    expect(checkStatement('select 1; ').kind).toBe('SelectStmt');
  });
});

describe('empty input', () => {
  it.each(['', '   ', '\n\t', '-- nothing', '/* nothing */', ';', ' ; ;; ', '-- a\n;/* b */;'])(
    '%j is "The query is empty"',
    (sql) => {
      expect(() => checkStatement(sql)).toThrow(EmptyStatement);
      const error = syntaxError(sql);
      expect(error.message).toBe('The query is empty');
      expect(error.sqlstate).toBe('42601');
      expect(error.position).toBeUndefined();
    },
  );
});

describe('syntax errors', () => {
  it("carry the parser's message and PostgreSQL's position (1-based characters)", () => {
    const error = syntaxError('select from where');
    expect(error).not.toBeInstanceOf(EmptyStatement);
    expect(error.message).toBe('syntax error at or near "where"');
    expect(error.position).toBe(13);
    expect(error.sqlstate).toBe('42601');
  });

  it('count characters, not bytes, after non-ASCII text', () => {
    expect(syntaxError("select 'é', from where").position).toBe(13);
    expect(syntaxError("select 'é😀', from where").position).toBe(14);
    expect(syntaxError('select (').message).toBe('syntax error at end of input');
    expect(syntaxError('select (').position).toBe(9);
    expect(syntaxError('selec 1').position).toBe(1);
  });

  it.each([
    'select from where',
    "select 'é', from where",
    "select 'é😀', from where",
    "select '日本語',\n  'ü' from where",
    "select 'abc",
    'select 1 limit 1 limit 2',
    'select $$é$$ 1e',
  ])('agree with PostgreSQL: %j', async (sql) => {
    const error = syntaxError(sql);
    expect(await pgError(sql)).toEqual({ message: error.message, position: error.position });
  });

  it('a NUL character is refused where it is (the parser would stop reading there)', () => {
    const error = syntaxError("select 'é'\0; select set_config('a', 'b', false)");
    expect(error.message).toMatch(/NUL/);
    expect(error.position).toBe(11);
  });

  it('nesting deeper than the parser allows is its "memory exhausted"', () => {
    const error = syntaxError(`select ${'('.repeat(20_000)}1${')'.repeat(20_000)}`);
    expect(error.message).toMatch(/memory exhausted/);
  });

  it('a tree too deep for JavaScript to read back is refused (54001), not a crash', () => {
    const sql = `select ${Array.from({ length: 100_000 }, (_, i) => `a${i} + `).join('')}1`;
    const error = refusal(sql);
    expect(error.message).toBe('The query is nested too deeply to check');
    expect(error.sqlstate).toBe('54001');
    expect(checkStatement('select 1').kind).toBe('SelectStmt');
  });
});

describe('positions of refusals', () => {
  it('are 1-based characters of the original text, after non-ASCII too', () => {
    expect(refusal("select set_config('a', 'b', false)").position).toBe(8);
    expect(refusal("select 'é😀', set_config('a', 'b', false)").position).toBe(14);
    expect(refusal("select '日本語',\n  (select pg_notify('a', 'b'))").position).toBe(25);
    // A lone surrogate goes out as U+FFFD, one character, in the parser and in PostgreSQL.
    expect(refusal("select '\uD800', set_config('a', 'b', false)").position).toBe(13);
  });

  it('agree with where PostgreSQL puts an error for a call at the same place', async () => {
    const places: [string, string][] = [
      ["select 'é😀', ", ''],
      ["select '日本語',\n  (select ", ')'],
      ['select $$ü$$ as a, * from (values (1)) v where ', ' is null'],
    ];
    for (const [before, after] of places) {
      const ours = refusal(`${before}set_config('a', 'b', false)${after}`).position;
      const theirs = await pgError(`${before}no_such_fn('a', 'b', false)${after}`);
      expect(theirs.message).toMatch(/does not exist/);
      expect(ours).toBe(theirs.position);
    }
  });
});

describe('paramCount', () => {
  it.each([
    ['select 1', 0],
    ['select $1', 1],
    ['select $3, $1', 3],
    ['select * from t where a = $12 and b = $2', 12],
    ['select (select max(x) from (select $7 as x) s)', 7],
    ['with c as (select $4) select * from c', 4],
    ['insert into t (a, b) values ($1, $2::jsonb)', 2],
    ['update t set a = $2 where b = any($1::int[])', 2],
    ['explain analyze select $5', 5],
    ['create table t (a int default 1)', 0],
    ['select \'$9\', $$ $8 $$, "$7" from t -- $6', 0],
  ])('%s → %i', (sql, count) => {
    expect(checkStatement(sql).paramCount).toBe(count);
  });
});

describe('Deeplake compatibility rewrite of CREATE INDEX … USING deeplake_index', () => {
  function indexElems(sql: string) {
    return collect(parseOne(sql), 'IndexElem') as Record<string, unknown>[];
  }

  it.each([
    `CREATE INDEX idx ON ${W}.documents USING deeplake_index (embedding DESC)`,
    `CREATE INDEX idx ON ${W}.documents USING deeplake_index (embedding ASC NULLS FIRST)`,
    `CREATE INDEX idx ON ${W}.documents USING deeplake_index (title) WITH (index_type = 'bm25')`,
    `create index if not exists "Idx" on "Ws 1"."My Docs" using "deeplake_index" ((lower(title)) desc nulls last) with (index_type = 'exact_text', fillfactor = 50) where title is not null`,
    `CREATE UNIQUE INDEX CONCURRENTLY idx ON ONLY ${W}.documents USING deeplake_index (id DESC)`,
  ])('drops ordering and options: %s', (sql) => {
    const checked = checkStatement(sql);
    expect(checked.rewritten).toBe(true);
    expect(checked.kind).toBe('IndexStmt');
    const again = parseOne(checked.text);
    expect(checked.ast).toEqual(again);
    const index = (again as { IndexStmt: Record<string, unknown> }).IndexStmt;
    expect(index.accessMethod).toBe('deeplake_index');
    expect(index.options).toBeUndefined();
    for (const elem of indexElems(checked.text)) {
      expect(elem.ordering).toBe('SORTBY_DEFAULT');
      expect(elem.nulls_ordering).toBe('SORTBY_NULLS_DEFAULT');
    }
    // Everything else survives the round trip.
    const original = structuredClone(
      (parseOne(sql) as { IndexStmt: Record<string, unknown> }).IndexStmt,
    );
    delete original.options;
    expect(JSON.stringify(index.relation)).toBe(JSON.stringify(original.relation));
    expect(index.idxname).toBe(original.idxname);
    expect(index.unique).toBe(original.unique);
    expect(index.concurrent).toBe(original.concurrent);
    expect(index.if_not_exists).toBe(original.if_not_exists);
    expect(Boolean(index.whereClause)).toBe(Boolean(original.whereClause));
  });

  it('keeps the names and the predicate exactly', () => {
    const { text } = checkStatement(
      `create index if not exists "Idx" on "Ws 1"."My Docs" using deeplake_index ((lower(title)) desc) with (index_type = 'bm25') where "Title" is not null`,
    );
    expect(text).toBe(
      `CREATE INDEX IF NOT EXISTS "Idx" ON "Ws 1"."My Docs" USING deeplake_index ((lower(title))) WHERE "Title" IS NOT NULL`,
    );
  });

  it.each([
    `CREATE INDEX idx ON ${W}.documents USING btree (title DESC NULLS LAST) WITH (fillfactor = 70)`,
    `CREATE INDEX idx ON ${W}.documents USING hash (title)`,
    `CREATE   INDEX idx ON ${W}.documents (title DESC) -- keep my comment`,
  ])('leaves other index methods untouched: %s', (sql) => {
    expect(checkStatement(sql)).toMatchObject({ text: sql, rewritten: false });
  });

  it('is refused (0A000) when the deparser cannot print it faithfully', () => {
    const error = refusal(
      `CREATE INDEX ON ${W}.documents USING deeplake_index ((tags::"char"[]) DESC)`,
    );
    expect(error.message).toMatch(/^This CREATE INDEX … USING deeplake_index could not be adapted/);
    expect(error.sqlstate).toBe('0A000');
  });

  it('CREATE TABLE … USING deeplake needs no rewrite', () => {
    const sql = `CREATE TABLE ${W}.t (a int) USING deeplake`;
    expect(checkStatement(sql)).toMatchObject({ text: sql, rewritten: false });
  });

  it('the rewritten statements run on PostgreSQL where the originals fail', async () => {
    const ordered = `CREATE INDEX demo_ordered ON ${W}.demo USING deeplake_index (body DESC NULLS LAST)`;
    const options = `CREATE INDEX demo_options ON ${W}.demo USING deeplake_index (body) WITH (index_type = 'bm25')`;
    await onPg((client) => client.query(`CREATE TABLE ${W}.demo (body text) USING deeplake`));
    expect((await pgError(ordered)).message).toMatch(/does not support ASC\/DESC options/);
    expect((await pgError(options)).message).toBe('unrecognized parameter "index_type"');
    await onPg(async (client) => {
      await client.query(checkStatement(ordered).text);
      await client.query(checkStatement(options).text);
    });
  });
});

describe('performance', () => {
  it('checks a typical 200-character query in well under a millisecond', () => {
    const sql = `SELECT id, title, content FROM "${W}"."documents" WHERE metadata->>$1 = $2 AND created_at > now() - interval '1 day' ORDER BY created_at DESC, id LIMIT 20 OFFSET $3 -- the most recent documents from a source`;
    expect(sql.length).toBeGreaterThanOrEqual(200);
    for (let i = 0; i < 500; i++) checkStatement(sql);
    const runs = 5_000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) checkStatement(sql);
    const perCall = (performance.now() - start) / runs;
    expect(perCall).toBeLessThan(0.5);
  });
});
