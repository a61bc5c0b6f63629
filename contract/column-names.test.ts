import { describe, expect, it } from 'vitest';
import { columnNames, truncateUtf8 } from './column-names';

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('columnNames', () => {
  it('trims names and keeps their case and characters', () => {
    expect(columnNames([' id ', 'First Name', 'Prix (€)', 'a"b', '\tx\n'])).toEqual([
      'id',
      'First Name',
      'Prix (€)',
      'a"b',
      'x',
    ]);
  });

  it('names empty ones by their 1-based position', () => {
    expect(columnNames(['a', '', '  ', 'd'])).toEqual(['a', 'column_2', 'column_3', 'd']);
  });

  it('numbers later copies of a name, skipping suffixes that are taken', () => {
    expect(columnNames(['a', 'a', 'a', 'b'])).toEqual(['a', 'a_2', 'a_3', 'b']);
    expect(columnNames(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
    expect(columnNames(['column_2', ''])).toEqual(['column_2', 'column_2_2']);
    expect(columnNames(['A', 'a', ' a'])).toEqual(['A', 'a', 'a_2']);
  });

  it('cuts names to 63 UTF-8 bytes between characters, and keeps them unique after', () => {
    const long = 'x'.repeat(70);
    expect(columnNames([long])).toEqual(['x'.repeat(63)]);
    const names = columnNames([long, `${'x'.repeat(63)}y`, long]);
    expect(names).toEqual(['x'.repeat(63), 'x'.repeat(61) + '_2', 'x'.repeat(61) + '_3']);
    const accented = columnNames(['é'.repeat(40), 'é'.repeat(40)]);
    expect(accented).toEqual(['é'.repeat(31), 'é'.repeat(30) + '_2']);
    for (const name of accented) expect(bytes(name)).toBeLessThanOrEqual(63);
  });
});

describe('truncateUtf8', () => {
  it('never cuts a character', () => {
    expect(truncateUtf8('ab', 5)).toBe('ab');
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('a😀b', 4)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
    expect(truncateUtf8('日本語', 8)).toBe('日本');
  });
});
