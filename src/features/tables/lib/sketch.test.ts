import { describe, expect, it } from 'vitest';
import { createTableSketch } from './create-table-sketch';
import { buildSimilarQuery, isVectorType, scoreColumnName } from './similar';

describe('createTableSketch', () => {
  it('writes names, readable types, NOT NULL and defaults', () => {
    expect(
      createTableSketch('ws', 'docs', [
        { name: 'id', type: 'int4', nullable: false, default: "nextval('docs_id_seq'::regclass)" },
        { name: 'embedding', type: '_float4', nullable: true, default: null },
        { name: 'Odd "name"', type: 'text', nullable: true, default: "'x'::text" },
      ]),
    ).toBe(
      [
        'CREATE TABLE "ws"."docs" (',
        `  "id" int4 NOT NULL DEFAULT nextval('docs_id_seq'::regclass),`,
        '  "embedding" float4[],',
        `  "Odd ""name""" text DEFAULT 'x'::text`,
        ') USING deeplake;',
      ].join('\n'),
    );
  });
});

describe('buildSimilarQuery', () => {
  it('orders by cosine similarity to the row vector, passed as a parameter', () => {
    const query = buildSimilarQuery({
      schema: 'ws',
      table: 'docs',
      column: 'embedding',
      columnNames: ['id', 'embedding'],
      vector: [0.1, 0.2],
    });
    expect(query.sql).toBe(
      [
        'SELECT "embedding" <#> $1::float4[] AS "similarity", "id", "embedding"',
        'FROM "ws"."docs"',
        'WHERE "embedding" IS NOT NULL',
        'ORDER BY "similarity" DESC NULLS LAST',
        'LIMIT $2',
      ].join('\n'),
    );
    expect(query.params).toEqual([[0.1, 0.2], 20]);
  });

  it('names the score so it does not clash with a column', () => {
    expect(scoreColumnName(['similarity', 'similarity_2'])).toBe('similarity_3');
    expect(isVectorType('_float4')).toBe(true);
    expect(isVectorType('_int4')).toBe(false);
  });
});
