import { describe, expect, it } from 'vitest';
import { formatSql } from './format-sql';

describe('formatSql', () => {
  it('formats PostgreSQL, leaving dollar quotes, parameters, casts and <#> alone', async () => {
    const result = await formatSql(
      'select title, embedding <#> $1::float4[] as score from "ws"."docs" where body = $$ a;b $$ limit $2',
    );
    expect(result).toEqual({
      text: [
        'SELECT',
        '  title,',
        '  embedding <#> $1::float4[] AS score',
        'FROM',
        '  "ws"."docs"',
        'WHERE',
        '  body = $$ a;b $$',
        'LIMIT',
        '  $2',
      ].join('\n'),
    });
  });

  it('gives a one-line reason when it cannot parse', async () => {
    const result = await formatSql('select (((');
    expect(result).toEqual({ error: expect.stringMatching(/^Could not format: Parse error/) });
    expect((result as { error: string }).error).not.toContain('\n');
  });
});
