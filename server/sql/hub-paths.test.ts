import { beforeAll, describe, expect, it } from 'vitest';
import { StatementSyntaxError, loadGuard } from './guard';
import {
  HubPathError,
  locateHubPaths,
  parseHubPath,
  spliceHubPaths,
  workspaceTable,
  type HubPathRef,
} from './hub-paths';

beforeAll(() => loadGuard());

/** The statement with every hub path replaced by its workspace's table. */
function rewrite(sql: string, workspace = 'ws') {
  const refs = locateHubPaths(sql);
  return spliceHubPaths(sql, refs, (ref) => workspaceTable(workspace, ref.path.table));
}

function hubError(run: () => unknown): HubPathError {
  try {
    run();
  } catch (error) {
    if (error instanceof HubPathError) return error;
    throw error;
  }
  throw new Error('expected a HubPathError');
}

describe('parseHubPath', () => {
  it('reads the three-part and the two-part form', () => {
    expect(parseHubPath('hub://acme/search/docs')).toEqual({
      text: 'hub://acme/search/docs',
      org: 'acme',
      workspace: 'search',
      table: 'docs',
    });
    expect(parseHubPath('hub://acme/docs')).toEqual({
      text: 'hub://acme/docs',
      org: 'acme',
      workspace: null,
      table: 'docs',
    });
  });

  it('takes organization ids that start with a digit (UUIDs) and tables of any name', () => {
    const uuid = '0b7e2f4c-5d1a-4c47-9d0e-6f3a2b1c9e8d';
    expect(parseHubPath(`hub://${uuid}/ws/My Table`)).toMatchObject({
      org: uuid,
      table: 'My Table',
    });
  });

  it.each([
    ['hub://acme', /is not a hub path/],
    ['hub://acme/ws/t/extra', /is not a hub path/],
    ['hub://acme//t', /is not a hub path/],
    ['hub:///ws/t', /is not a hub path/],
    ['hub://aCme/ws/t', /organization id "aCme" may only contain lower-case/],
    ['hub://acme/1ws/t', /workspace id "1ws" must start with a lower-case letter/],
    [`hub://acme/ws/${'t'.repeat(64)}`, /longer than 63 bytes/],
  ])('refuses %s, saying why', (text, message) => {
    expect(hubError(() => parseHubPath(text)).message).toMatch(message);
  });
});

describe('locateHubPaths', () => {
  it('finds the seed’s dataset path in its subquery', () => {
    const sql =
      'select * from (select text, cosine_similarity(embedding, ARRAY[0.1,0.2]) as score ' +
      'from "hub://acme/search/docs") order by score desc limit 5';
    const [ref, ...rest] = locateHubPaths(sql);
    expect(rest).toEqual([]);
    expect(ref!.path).toMatchObject({ org: 'acme', workspace: 'search', table: 'docs' });
    expect(sql.slice(ref!.start, ref!.end)).toBe('"hub://acme/search/docs"');
  });

  it('finds table references wherever a statement has them: joins, CTEs, INSERT, UPDATE', () => {
    const found = (sql: string) => locateHubPaths(sql).map((ref) => ref.path.text);
    expect(
      found(
        'WITH a AS (SELECT * FROM "hub://o/w/a") SELECT * FROM a JOIN "hub://o/w/b" b USING (id)',
      ),
    ).toEqual(['hub://o/w/a', 'hub://o/w/b']);
    expect(found('INSERT INTO "hub://o/w/t" (a) SELECT a FROM "hub://o/w/s"')).toEqual([
      'hub://o/w/t',
      'hub://o/w/s',
    ]);
    expect(found('UPDATE "hub://o/w/t" SET a = 1 WHERE a IN (SELECT a FROM "hub://o/t")')).toEqual([
      'hub://o/w/t',
      'hub://o/t',
    ]);
  });

  it('leaves string literals, column aliases, comments and column names alone', () => {
    const sql =
      `SELECT 'hub://o/w/t' AS "hub://o/w/alias", "hub://o/w/col" FROM "hub://o/w/t" ` +
      `-- "hub://o/w/comment"\n WHERE x = $$hub://o/w/dollar$$`;
    const refs = locateHubPaths(sql);
    expect(refs.map((ref) => ref.path.text)).toEqual(['hub://o/w/t']);
    expect(rewrite(sql).text).toBe(
      `SELECT 'hub://o/w/t' AS "hub://o/w/alias", "hub://o/w/col" FROM "ws"."t" ` +
        `-- "hub://o/w/comment"\n WHERE x = $$hub://o/w/dollar$$`,
    );
  });

  it('reads paths longer than the 63 bytes PostgreSQL keeps of a name from the text', () => {
    const path = `hub://${'o'.repeat(40)}/${'w'.repeat(40)}/documents`;
    const [ref] = locateHubPaths(`SELECT * FROM "${path}"`);
    expect(ref!.path).toMatchObject({ text: path, table: 'documents' });
  });

  it('undoes doubled quotes in the identifier', () => {
    const [ref] = locateHubPaths('SELECT * FROM "hub://o/w/say ""hi"""');
    expect(ref!.path.table).toBe('say "hi"');
    expect(rewrite('SELECT * FROM "hub://o/w/say ""hi"""').text).toBe(
      'SELECT * FROM "ws"."say ""hi"""',
    );
  });

  it('finds none in a query without hub paths', () => {
    expect(locateHubPaths('SELECT * FROM docs')).toEqual([]);
  });

  it('refuses a hub path behind a schema, or split over several names', () => {
    expect(hubError(() => locateHubPaths('SELECT * FROM x."hub://o/w/t"'))).toMatchObject({
      message: expect.stringMatching(/without a schema/),
      position: 15,
    });
    expect(hubError(() => locateHubPaths('SELECT * FROM "hub://o/w".t')).message).toMatch(
      /one quoted identifier/,
    );
  });

  it('refuses a malformed path with its position in characters', () => {
    const error = hubError(() => locateHubPaths(`SELECT 'é', * FROM "hub://o/w/t/u"`));
    expect(error.message).toMatch(/is not a hub path/);
    expect(error.position).toBe(20);
  });

  it('refuses hub paths written in Unicode escapes, which it would have to decode', () => {
    expect(hubError(() => locateHubPaths('SELECT * FROM U&"hub://o/w/t"')).message).toMatch(
      /plain double-quoted identifier/,
    );
  });

  it('reports what the statement guard reports about the caller’s text', () => {
    expect(() => locateHubPaths('SELEC * FROM "hub://o/w/t"')).toThrow(StatementSyntaxError);
  });

  it('reads the caller’s text where the guard rewrites the statement (deeplake_index)', () => {
    const sql = 'CREATE INDEX ON "hub://o/w/docs" USING deeplake_index (embedding DESC)';
    expect(rewrite(sql).text).toBe(
      'CREATE INDEX ON "ws"."docs" USING deeplake_index (embedding DESC)',
    );
  });
});

describe('spliceHubPaths', () => {
  it('splices at byte offsets in text with characters of several bytes', () => {
    const sql = `SELECT '😀 ünïcode', * FROM "hub://o/w/t" WHERE name = 'ü' AND x IN (SELECT x FROM "hub://o/w/ü")`;
    expect(rewrite(sql).text).toBe(
      `SELECT '😀 ünïcode', * FROM "ws"."t" WHERE name = 'ü' AND x IN (SELECT x FROM "ws"."ü")`,
    );
  });

  it('maps positions in the rewritten text back to the caller’s', () => {
    const sql = `SELECT 'é', nope FROM "hub://org/ws/t" WHERE bad + 1`;
    const result = rewrite(sql);
    // PostgreSQL's positions are 1-based characters.
    const at = (text: string, word: string) => [...text.slice(0, text.indexOf(word))].length + 1;
    expect(result.originalPosition(at(result.text, 'nope'))).toBe(at(sql, 'nope'));
    expect(result.originalPosition(at(result.text, 'bad'))).toBe(at(sql, 'bad'));
    // Inside the replaced name: the hub path it stands for.
    expect(result.originalPosition(at(result.text, '"t"'))).toBe(at(sql, '"hub://'));
    expect(result.originalPosition(at(result.text, '"ws"'))).toBe(at(sql, '"hub://'));
  });

  it('keeps the text when there is nothing to replace', () => {
    const refs: HubPathRef[] = [];
    const result = spliceHubPaths('SELECT 1', refs, () => 'x');
    expect(result.text).toBe('SELECT 1');
    expect(result.originalPosition(8)).toBe(8);
  });
});
