import { describe, expect, it } from 'vitest';
import { commandOf, formatDuration, lineAndColumn, rowsSummary } from './result-summary';

describe('commandOf', () => {
  it('prefers the server’s command, else reads the statement', () => {
    expect(commandOf('insert', 'whatever')).toBe('INSERT');
    expect(commandOf(undefined, '/* c */ delete from t')).toBe('DELETE');
    expect(commandOf(undefined, 'WITH x AS (SELECT 1) UPDATE t SET a = 1')).toBe('UPDATE');
    expect(commandOf(undefined, 'create table t (a int)')).toBe('CREATE');
    expect(commandOf(undefined, '')).toBe('SQL');
  });
});

describe('rowsSummary', () => {
  it('says rows returned, rows touched, or done', () => {
    expect(rowsSummary('SELECT', 1, true)).toBe('1 row');
    expect(rowsSummary('SELECT', 12345, true)).toBe(`${(12345).toLocaleString()} rows`);
    expect(rowsSummary('INSERT', 3, false)).toBe('3 rows inserted');
    expect(rowsSummary('UPDATE', 1, false)).toBe('1 row updated');
    expect(rowsSummary('DELETE', 0, false)).toBe('0 rows deleted');
    expect(rowsSummary('DELETE', 2, true)).toBe('2 rows deleted');
    expect(rowsSummary('CREATE TABLE', 0, false)).toBe('CREATE TABLE done');
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
