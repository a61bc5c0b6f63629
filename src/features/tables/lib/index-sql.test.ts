import { describe, expect, it } from 'vitest';
import { createIndexSql, indexChoices } from './index-sql';

describe('index choices', () => {
  it('offers what fits the column type, the usual one first', () => {
    expect(indexChoices('_float4')).toEqual(['vector']);
    expect(indexChoices('embedding')).toEqual(['vector']);
    expect(indexChoices('text')).toEqual(['text', 'btree']);
    expect(indexChoices('int8')).toEqual(['btree', 'exact']);
  });

  it('writes the reference forms with every name quoted', () => {
    expect(createIndexSql('default', 'docs', 'embedding', 'vector')).toBe(
      'CREATE INDEX ON "default"."docs" USING deeplake_index ("embedding")',
    );
    expect(createIndexSql('ws', 'My "Docs"', 'id', 'btree')).toBe(
      'CREATE INDEX ON "ws"."My ""Docs""" ("id")',
    );
  });
});
