import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer';
import {
  completionSite,
  quoteName,
  suggestions,
  tableRefs,
  tablesToDescribe,
  type CompletionSchema,
} from './completion';

/** The site for a cursor at `|` in `marked`. */
function siteAt(marked: string) {
  const offset = marked.indexOf('|');
  return completionSite(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

const schema: CompletionSchema = {
  workspaceId: 'my-ws',
  tables: ['docs', 'Events'],
  columns: new Map([
    [
      'docs',
      [
        { name: 'id', type: 'int4' },
        { name: 'Title', type: 'text' },
      ],
    ],
    ['Events', [{ name: 'at', type: 'timestamptz' }]],
  ]),
};

const labels = (marked: string) => suggestions(siteAt(marked), schema).map((s) => s.insertText);

describe('quoteName', () => {
  it('quotes only what Postgres would not read back unchanged', () => {
    expect(quoteName('docs')).toBe('docs');
    expect(quoteName('my-ws')).toBe('"my-ws"');
    expect(quoteName('Events')).toBe('"Events"');
    expect(quoteName('select')).toBe('"select"');
    expect(quoteName('a"b')).toBe('"a""b"');
  });
});

describe('tableRefs', () => {
  const refs = (sql: string) => tableRefs(tokenize(sql).filter((t) => t.kind !== 'whitespace'));

  it('reads tables with schemas and aliases after FROM, JOIN, UPDATE and INTO', () => {
    expect(refs('SELECT * FROM "my-ws".docs d, other JOIN "Events" AS e ON true WHERE x')).toEqual([
      { schema: 'my-ws', table: 'docs', alias: 'd' },
      { schema: null, table: 'other', alias: null },
      { schema: null, table: 'Events', alias: 'e' },
    ]);
    expect(refs('UPDATE docs SET a = 1')).toEqual([{ schema: null, table: 'docs', alias: null }]);
    expect(refs('INSERT INTO docs (a) VALUES (1)')).toEqual([
      { schema: null, table: 'docs', alias: null },
    ]);
  });

  it('skips function calls and subqueries in FROM', () => {
    expect(refs('SELECT * FROM generate_series(1, 3) g')).toEqual([]);
    expect(refs('SELECT * FROM (SELECT 1) s')).toEqual([]);
  });
});

describe('completionSite', () => {
  it('finds the word being typed and the qualifier before it', () => {
    expect(siteAt('SELECT * FROM "my-ws".do|')).toMatchObject({
      word: 'do',
      qualifier: ['my-ws'],
    });
    expect(siteAt('SELECT d.| FROM docs d')).toMatchObject({ word: '', qualifier: ['d'] });
    expect(siteAt('SELECT * FROM s.t.|')).toMatchObject({ qualifier: ['s', 't'] });
    expect(siteAt('SELECT 1.|')).toMatchObject({ qualifier: [] });
  });

  it('covers an open quoted name as the word', () => {
    expect(siteAt('SELECT * FROM "my-ws"."Ev|')).toMatchObject({
      word: '"Ev',
      qualifier: ['my-ws'],
    });
  });

  it('offers nothing inside strings, comments and dollar quotes', () => {
    expect(siteAt("SELECT 'abc|'").suppressed).toBe(true);
    expect(siteAt('SELECT 1 -- note|').suppressed).toBe(true);
    expect(siteAt('SELECT /* a| */ 1').suppressed).toBe(true);
    expect(siteAt('SELECT $$ bo|dy $$').suppressed).toBe(true);
    expect(siteAt("SELECT 'a' |").suppressed).toBe(false);
  });

  it('reads tables from the statement at the cursor only', () => {
    expect(siteAt('SELECT * FROM docs; SELECT | FROM "Events"').tables).toEqual([
      { schema: null, table: 'Events', alias: null },
    ]);
  });
});

describe('suggestions', () => {
  it('offers the workspace’s tables after its schema name', () => {
    expect(labels('SELECT * FROM "my-ws".|')).toEqual(['docs', '"Events"']);
  });

  it('offers a table’s columns after its alias or its name', () => {
    expect(labels('SELECT d.| FROM docs d')).toEqual(['id', '"Title"']);
    expect(labels('SELECT "Events".| FROM "Events"')).toEqual(['at']);
    expect(labels('SELECT x.| FROM "my-ws"."Events" x')).toEqual(['at']);
    expect(labels('SELECT * FROM "my-ws".docs.|')).toEqual(['id', '"Title"']);
  });

  it('offers nothing for another schema', () => {
    expect(labels('SELECT * FROM other.|')).toEqual([]);
  });

  it('offers columns of the statement’s tables, the tables plain and qualified, and SQL words', () => {
    const items = suggestions(siteAt('SELECT | FROM docs'), schema);
    const inserts = items.map((item) => item.insertText);
    expect(inserts).toEqual(
      expect.arrayContaining([
        'id',
        '"Title"',
        'docs',
        '"my-ws".docs',
        '"my-ws"."Events"',
        '"my-ws"',
        'SELECT',
        'count',
        'jsonb',
      ]),
    );
    // Columns sort before tables, tables before keywords.
    const rank = (text: string) => items.find((item) => item.insertText === text)!.sortText;
    expect(rank('id') < rank('docs')).toBe(true);
    expect(rank('docs') < rank('SELECT')).toBe(true);
  });
});

describe('tablesToDescribe', () => {
  it('asks only for tables of this workspace that the site can use', () => {
    const base = { workspaceId: 'my-ws', tables: ['docs', 'Events'] };
    expect(tablesToDescribe(siteAt('SELECT | FROM docs, "other".docs2, nope'), base)).toEqual([
      'docs',
    ]);
    expect(tablesToDescribe(siteAt('SELECT e.| FROM "Events" e'), base)).toEqual(['Events']);
    expect(tablesToDescribe(siteAt('SELECT * FROM "my-ws".|'), base)).toEqual([]);
  });
});
