import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parsePart } from '../zod-provider';
import { fileContentQuerySchema, fileListQuerySchema } from './query';

/** As the route's validator compiler parses a query string. */
const parseQuery = <Schema extends z.ZodType>(schema: Schema, query: Record<string, unknown>) =>
  parsePart(schema, 'querystring', query);
const list = (query: Record<string, unknown>) => parseQuery(fileListQuerySchema, query);
const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

describe('fileListQuerySchema', () => {
  it('fills the defaults for absent and empty numbers, and trims the filters', () => {
    expect(list({})).toEqual({ limit: 20, offset: 0 });
    expect(list({ limit: '', offset: '', content_type: ' image/ ', q: ' a ' })).toEqual({
      limit: 20,
      offset: 0,
      content_type: 'image/',
      q: 'a',
    });
    expect(list({ limit: '1000', offset: '7', other: 'x' })).toEqual({ limit: 1000, offset: 7 });
  });

  it('names the first bad parameter, in the words the API always used', () => {
    expect(message(() => list({ limit: '2.5' }))).toBe(
      'limit must be a whole number from 1 to 1000, not "2.5"',
    );
    expect(message(() => list({ offset: '-1' }))).toBe(
      'offset must be a whole number 0 or more, not "-1"',
    );
    expect(message(() => list({ q: ['a', 'b'], limit: '0' }))).toMatch(/^limit must/);
    expect(message(() => list({ content_type: ['a', 'b'] }))).toBe('content_type: give it once');
  });
});

describe('fileContentQuerySchema', () => {
  it('takes a width in range and download as 1 or true', () => {
    const content = (query: Record<string, unknown>) => parseQuery(fileContentQuerySchema, query);
    expect(content({})).toEqual({ download: false });
    expect(content({ w: '64', download: 'true' })).toEqual({ w: 64, download: true });
    expect(content({ download: '1' }).download).toBe(true);
    expect(content({ download: 'yes' }).download).toBe(false);
    expect(message(() => content({ w: '8' }))).toBe(
      'w must be a whole number from 16 to 1024, not "8"',
    );
  });
});
