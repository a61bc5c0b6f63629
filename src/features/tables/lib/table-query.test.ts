import { describe, expect, it } from 'vitest';
import { buildTableQuery, escapeLikePattern, type TableQueryInput } from './table-query';
import { castableType, qualifiedTable, quoteIdent, sqlTypeName } from './sql';

const columns = [
  { name: 'id', type: 'int4' },
  { name: 'title', type: 'text' },
  { name: 'meta', type: 'json' },
  { name: 'embedding', type: '_float4' },
  { name: 'mood', type: 'mood_enum' },
  { name: 'a"b', type: 'text' },
  { name: 'Upper Case', type: 'int8' },
];

function build(overrides: Partial<TableQueryInput> = {}) {
  return buildTableQuery({
    schema: 'ws',
    table: 'docs',
    columns,
    filters: [],
    sort: null,
    page: 1,
    pageSize: 100,
    ...overrides,
  });
}

describe('quoting', () => {
  it('quotes identifiers, doubling quotes inside', () => {
    expect(quoteIdent('plain')).toBe('"plain"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"');
    expect(qualifiedTable('my-ws', 'Weird Name')).toBe('"my-ws"."Weird Name"');
  });

  it('casts only to built-in types, written as SQL writes them', () => {
    expect(castableType('int4')).toBe('int4');
    expect(castableType('_float4')).toBe('float4[]');
    expect(castableType('mood_enum')).toBeNull();
    expect(castableType('x; DROP')).toBeNull();
    expect(sqlTypeName('_float4')).toBe('float4[]');
    expect(sqlTypeName('My Type')).toBe('"My Type"');
  });
});

describe('buildTableQuery', () => {
  it('pages with LIMIT pageSize + 1 and OFFSET, both as parameters', () => {
    const query = build({ page: 3, pageSize: 50 });
    expect(query.sql).toBe(
      [
        'SELECT "id", "title", "meta", "embedding", "mood", "a""b", "Upper Case"',
        'FROM "ws"."docs"',
        'LIMIT $1 OFFSET $2',
      ].join('\n'),
    );
    expect(query.params).toEqual([51, 100]);
    expect(query.ignored).toEqual([]);
  });

  it('sorts by a quoted column, json through jsonb', () => {
    expect(build({ sort: { column: 'Upper Case', direction: 'desc' } }).sql).toContain(
      'ORDER BY "Upper Case" DESC',
    );
    expect(build({ sort: { column: 'meta', direction: 'asc' } }).sql).toContain(
      'ORDER BY "meta"::jsonb ASC',
    );
  });

  it('turns each operator into SQL with the value as a cast parameter', () => {
    const query = build({
      filters: [
        { column: 'id', op: 'eq', value: '5' },
        { column: 'id', op: 'ne', value: '6' },
        { column: 'id', op: 'lt', value: '7' },
        { column: 'id', op: 'le', value: '8' },
        { column: 'id', op: 'gt', value: '9' },
        { column: 'id', op: 'ge', value: '10' },
        { column: 'title', op: 'null', value: 'ignored' },
        { column: 'title', op: 'notnull', value: '' },
      ],
    });
    expect(query.sql.split('\n').slice(2)).toEqual([
      'WHERE "id" = $1::int4',
      '  AND "id" IS DISTINCT FROM $2::int4',
      '  AND "id" < $3::int4',
      '  AND "id" <= $4::int4',
      '  AND "id" > $5::int4',
      '  AND "id" >= $6::int4',
      '  AND "title" IS NULL',
      '  AND "title" IS NOT NULL',
      'LIMIT $7 OFFSET $8',
    ]);
    expect(query.params).toEqual(['5', '6', '7', '8', '9', '10', 101, 0]);
  });

  it('never splices hostile values into the SQL', () => {
    const hostile = [
      "'; DROP TABLE docs; --",
      'O\'Brien "quoted"',
      'back\\slash',
      '$1',
      '100%_sure',
      'ünïcödé 🚀 日本',
    ];
    for (const value of hostile) {
      const eq = build({ filters: [{ column: 'title', op: 'eq', value }] });
      expect(eq.sql).toBe(
        [
          'SELECT "id", "title", "meta", "embedding", "mood", "a""b", "Upper Case"',
          'FROM "ws"."docs"',
          'WHERE "title" = $1::text',
          'LIMIT $2 OFFSET $3',
        ].join('\n'),
      );
      expect(eq.params[0]).toBe(value);
    }
  });

  it('escapes LIKE wildcards and backslashes in contains, with ESCAPE', () => {
    const query = build({ filters: [{ column: 'title', op: 'contains', value: '50%_off\\now' }] });
    expect(query.sql).toContain(`WHERE "title"::text ILIKE $1 ESCAPE '\\'`);
    expect(query.params[0]).toBe('%50\\%\\_off\\\\now%');
    expect(escapeLikePattern("'; DROP TABLE x; --")).toBe("'; DROP TABLE x; --");
  });

  it('quotes hostile column names in filters and sorts', () => {
    const query = build({
      filters: [
        { column: 'a"b', op: 'contains', value: 'x' },
        { column: 'Upper Case', op: 'gt', value: '1' },
      ],
      sort: { column: 'a"b', direction: 'asc' },
    });
    expect(query.sql).toContain(`WHERE "a""b"::text ILIKE $1 ESCAPE '\\'`);
    expect(query.sql).toContain('  AND "Upper Case" > $2::int8');
    expect(query.sql).toContain('ORDER BY "a""b" ASC');
  });

  it('leaves out filters and sorts on columns the table does not have, and says so', () => {
    const query = build({
      filters: [
        { column: 'id"; DROP TABLE docs; --', op: 'eq', value: '1' },
        { column: 'title', op: 'eq', value: 'kept' },
      ],
      sort: { column: 'missing', direction: 'asc' },
    });
    expect(query.sql).not.toContain('DROP');
    expect(query.sql).not.toContain('ORDER BY');
    expect(query.params).toEqual(['kept', 101, 0]);
    expect(query.ignored).toEqual([
      { kind: 'filter', column: 'id"; DROP TABLE docs; --', reason: 'no such column' },
      { kind: 'sort', column: 'missing', reason: 'no such column' },
    ]);
  });

  it('compares json as jsonb, arrays from JSON, other types without a cast', () => {
    const query = build({
      filters: [
        { column: 'meta', op: 'eq', value: '{"a": 1}' },
        { column: 'embedding', op: 'eq', value: '[0.5, 1]' },
        { column: 'embedding', op: 'ne', value: '{0.5,1}' },
        { column: 'mood', op: 'eq', value: 'happy' },
      ],
    });
    expect(query.sql).toContain('WHERE "meta"::jsonb = $1::jsonb');
    expect(query.sql).toContain('  AND "embedding" = $2::float4[]');
    expect(query.sql).toContain('  AND "embedding" IS DISTINCT FROM $3::float4[]');
    expect(query.sql).toContain('  AND "mood" = $4\n');
    expect(query.params.slice(0, 4)).toEqual(['{"a": 1}', [0.5, 1], '{0.5,1}', 'happy']);
  });
});
