import { describe, expect, it } from 'vitest';
import type { TableColumn } from '../../../../contract/tables';
import { emptyEdits, stageCell, stageDeletes, stageInsert } from './edit-store';
import { buildStatements, paramValue } from './statements';

const column = (name: string, type: string): TableColumn => ({
  name,
  type,
  nullable: true,
  default: null,
});
const target = {
  schema: 'ws',
  table: 'my "t"',
  columns: [
    column('id', 'int4'),
    column('name', 'text'),
    column('meta', 'jsonb'),
    column('tags', '_text'),
  ],
  primaryKey: ['id'],
};

describe('statements from staged edits', () => {
  it('one parameterised statement per row, deletions first, by primary key', () => {
    let s = stageInsert(emptyEdits, { meta: 'hi', name: 'n' }, 'a');
    s = stageCell(s, { key: [1], column: 'tags', value: ['x'], original: null });
    s = stageCell(s, { key: [1], column: 'name', value: "O'Brien", original: 'a' });
    s = stageDeletes(s, [[2]]);
    s = stageInsert(s, {}, 'b');
    const statements = buildStatements(target, s.changes);
    expect(statements.map(({ query, params }) => ({ query, params }))).toEqual([
      { query: 'DELETE FROM "ws"."my ""t""" WHERE "id" = $1', params: [2] },
      {
        query: 'UPDATE "ws"."my ""t""" SET "name" = $1, "tags" = $2 WHERE "id" = $3',
        params: ["O'Brien", ['x'], 1],
      },
      {
        query: 'INSERT INTO "ws"."my ""t""" ("name", "meta") VALUES ($1, $2)',
        params: ['n', '"hi"'],
      },
      { query: 'INSERT INTO "ws"."my ""t""" DEFAULT VALUES', params: [] },
    ]);
    expect(statements.every((st) => st.expectedRows === 1)).toBe(true);
  });

  it('addresses rows by every column of a composite key', () => {
    const composite = { ...target, primaryKey: ['name', 'id'] };
    const s = stageDeletes(emptyEdits, [['a', 1]]);
    expect(buildStatements(composite, s.changes)[0]).toMatchObject({
      query: 'DELETE FROM "ws"."my ""t""" WHERE "name" = $1 AND "id" = $2',
      params: ['a', 1],
    });
  });

  it('builds nothing for a table without a primary key', () => {
    const s = stageDeletes(emptyEdits, [[1]]);
    expect(buildStatements({ ...target, primaryKey: [] }, s.changes)).toEqual([]);
  });

  it('sends JSON values as JSON text, and NULL as null', () => {
    expect(paramValue({ a: 1 }, 'jsonb')).toBe('{"a":1}');
    expect(paramValue(null, 'jsonb')).toBeNull();
    expect(paramValue([1, 2], '_int4')).toEqual([1, 2]);
  });
});
