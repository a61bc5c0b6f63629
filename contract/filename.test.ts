import { describe, expect, it } from 'vitest';
import { cleanFilename, FILENAME_MAX_CHARS, isHiddenInFilename } from './filename';

describe('cleanFilename', () => {
  it('keeps an ordinary name as it is', () => {
    for (const name of ['report.pdf', 'Résumé "final" — 東京 v2.pdf', 'a  b.txt', 'مرحبا.txt']) {
      expect(cleanFilename(name)).toBe(name);
    }
  });

  it('drops bidi controls, so a name cannot hide its real extension', () => {
    expect(cleanFilename('invoice\u202etxt.exe')).toBe('invoicetxt.exe');
    expect(cleanFilename('\u202a\u202b\u202ca\u202d\u202eb')).toBe('ab');
    expect(cleanFilename('\u2066a\u2067b\u2068c\u2069d')).toBe('abcd');
    expect(cleanFilename('a\u200eb\u200fc\u061cd')).toBe('abcd');
  });

  it('drops zero-width characters', () => {
    expect(cleanFilename('\ufeffre\u200bpo\u200crt\u200d\u2060.txt')).toBe('report.txt');
  });

  it('drops control characters, C0, DEL and C1', () => {
    expect(cleanFilename('a\u0000b\tc\nd\u007fe\u0085f\u009f.txt')).toBe('abcdef.txt');
  });

  it('normalises to NFC, after the hidden characters are gone', () => {
    expect(cleanFilename('Cafe\u0301.txt')).toBe('Caf\u00e9.txt');
    expect(cleanFilename('e\u200b\u0301')).toBe('\u00e9');
    // Compatibility forms are not folded: the name keeps what was typed.
    expect(cleanFilename('\ufb01le \u2460.txt')).toBe('\ufb01le \u2460.txt');
  });

  it('keeps emoji, less only their zero-width joiners', () => {
    expect(cleanFilename('\u{1F469}\u200d\u{1F4BB}\u{FE0F}.png')).toBe(
      '\u{1F469}\u{1F4BB}\u{FE0F}.png',
    );
  });

  it('trims, bounds the length in characters, and never splits one', () => {
    expect(cleanFilename('  \u200b a.txt \u202e ')).toBe('a.txt');
    const long = cleanFilename('\u{1F600}'.repeat(FILENAME_MAX_CHARS + 10));
    expect([...long]).toHaveLength(FILENAME_MAX_CHARS);
    expect(long).toBe('\u{1F600}'.repeat(FILENAME_MAX_CHARS));
  });

  it('gives "file" when nothing visible is left', () => {
    for (const name of ['', '   ', '\u202e\u200b', '\u0000'])
      expect(cleanFilename(name)).toBe('file');
  });
});

describe('isHiddenInFilename', () => {
  it('is exactly the controls, bidi controls and zero-width characters', () => {
    const hidden = [0x00, 0x1f, 0x7f, 0x80, 0x9f, 0x061c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f];
    hidden.push(0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff);
    for (const code of hidden) expect(isHiddenInFilename(code), code.toString(16)).toBe(true);
    for (const code of [0x20, 0x7e, 0xa0, 0xe9, 0x200a, 0x2010, 0x2028, 0x2061, 0x206a, 0xfe0f]) {
      expect(isHiddenInFilename(code), code.toString(16)).toBe(false);
    }
  });
});
