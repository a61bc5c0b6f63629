import { describe, expect, it } from 'vitest';
import {
  clientPath,
  defaultFolder,
  dirPath,
  extensionOf,
  folderAndAbove,
  foldersAbove,
  nameSegment,
  numberedName,
  pathProblem,
  PathError,
  truncateBytes,
} from './paths';

const problemOf = (raw: string) => {
  try {
    clientPath(raw, 'file_path');
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(PathError);
    return (error as Error).message;
  }
};

describe('pathProblem', () => {
  it('takes drive and paths under it', () => {
    for (const path of ['drive', 'drive/a.jpg', 'drive/others/a b (2).txt', 'drive/ü/日本.png']) {
      expect(pathProblem(path), path).toBeNull();
    }
    expect(pathProblem(`drive/${'a'.repeat(255)}`)).toBeNull();
    expect(pathProblem(`drive/${'é'.repeat(127)}`)).toBeNull();
  });

  it('says which rule a path breaks', () => {
    expect(pathProblem('')).toBe('is empty');
    expect(pathProblem('photos/a.jpg')).toBe('must start with drive/ (the root folder)');
    expect(pathProblem('/drive/a.jpg')).toBe('must start with drive/ (the root folder)');
    expect(pathProblem('drive//a.jpg')).toMatch(/^has an empty segment 2/);
    expect(pathProblem('drive/a/')).toMatch(/^has an empty segment 3/);
    expect(pathProblem('drive/./a')).toBe('has "." as segment 2');
    expect(pathProblem('drive/a/../b')).toBe('has ".." as segment 3');
    expect(pathProblem('drive/a\0b')).toBe('contains a NUL character');
    expect(pathProblem('drive/a\nb')).toBe('contains a control character');
    expect(pathProblem('drive/a\u0085b')).toBe('contains a control character');
    expect(pathProblem('drive/a\\b')).toBe('contains a backslash (separate folders with /)');
    expect(pathProblem('drive/cafe\u0301')).toBe('is not in Unicode normal form NFC');
    expect(pathProblem(`drive/${'a'.repeat(256)}`)).toBe('has a segment 2 longer than 255 bytes');
    expect(pathProblem(`drive/${'é'.repeat(128)}`)).toBe('has a segment 2 longer than 255 bytes');
    const long = `drive/${Array.from({ length: 5 }, () => 'a'.repeat(250)).join('/')}`;
    expect(pathProblem(long)).toBe('is longer than 1024 bytes');
  });
});

describe('clientPath', () => {
  it('makes what a client sends NFC and drops one trailing slash', () => {
    expect(clientPath('drive/cafe\u0301.jpg', 'file_path')).toBe('drive/caf\u00e9.jpg');
    expect(clientPath('drive/photos/', 'file_path')).toBe('drive/photos');
    expect(clientPath('drive/', 'file_path')).toBe('drive');
  });

  it('refuses a bad path naming the parameter and the rule', () => {
    expect(problemOf('drive/a/../b')).toBe('file_path "drive/a/../b" has ".." as segment 3');
    expect(problemOf('other/x')).toBe(
      'file_path "other/x" must start with drive/ (the root folder)',
    );
    expect(problemOf('drive//x')).toMatch(/^file_path "drive\/\/x" has an empty segment/);
  });
});

describe('dirPath', () => {
  it('is relative to drive, with slashes at its ends dropped', () => {
    expect(dirPath('photos')).toBe('drive/photos');
    expect(dirPath('/photos/2024/')).toBe('drive/photos/2024');
    expect(dirPath('')).toBe('drive');
  });

  it('refuses a folder that breaks a rule', () => {
    expect(() => dirPath('a/../b')).toThrow(
      'dir "a/../b" (the folder drive/a/../b) has ".." as segment 3',
    );
    expect(() => dirPath('a\\b')).toThrow(/contains a backslash/);
  });
});

describe('names', () => {
  it('puts the seed’s image, audio and video types in drive, everything else in drive/others', () => {
    for (const name of ['a.jpg', 'b.PNG', 'c.Jpeg', 'd.mp3', 'e.WAV', 'f.mp4', 'g.wmv', 'h.avi']) {
      expect(defaultFolder(name), name).toBe('drive');
    }
    for (const name of ['a.gif', 'b.pdf', 'noext', '.jpg', 'x.jpg.txt', 'x.', 'mp4']) {
      expect(defaultFolder(name), name).toBe('drive/others');
    }
    expect(extensionOf('..jpg')).toBe('jpg');
    expect(extensionOf('archive.tar.GZ')).toBe('gz');
  });

  it('numbers a taken name before its extension, within 255 bytes', () => {
    expect(numberedName('a.jpg', 1)).toBe('a.jpg');
    expect(numberedName('a.jpg', 2)).toBe('a (2).jpg');
    expect(numberedName('archive.tar.gz', 3)).toBe('archive.tar (3).gz');
    expect(numberedName('.bashrc', 2)).toBe('.bashrc (2)');
    expect(numberedName('README', 10)).toBe('README (10)');
    const long = `${'é'.repeat(200)}.jpg`;
    const second = numberedName(long, 2);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(255);
    expect(second.endsWith(' (2).jpg')).toBe(true);
    expect(second.startsWith('é'.repeat(100))).toBe(true);
  });

  it('makes any stored name a good segment', () => {
    expect(nameSegment('a/b\\c.txt')).toBe('a_b_c.txt');
    expect(nameSegment('.')).toBe('_');
    expect(nameSegment('..')).toBe('__');
    expect(nameSegment('a\u0001b')).toBe('ab');
    expect(nameSegment('cafe\u0301.png')).toBe('caf\u00e9.png');
    expect(nameSegment('')).toBe('file');
    const segment = nameSegment(`${'日'.repeat(255)}.png`);
    expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255);
    expect(segment.endsWith('.png')).toBe(true);
    expect(pathProblem(`drive/${segment}`)).toBeNull();
  });

  it('cuts text to bytes, never inside a character', () => {
    expect(truncateBytes('aé日', 3)).toBe('aé');
    expect(truncateBytes('aé日', 5)).toBe('aé');
    expect(truncateBytes('aé日', 6)).toBe('aé日');
  });

  it('lists the folders above a path', () => {
    expect(foldersAbove('drive/a.jpg')).toEqual([]);
    expect(foldersAbove('drive/x/y/a.jpg')).toEqual(['drive/x', 'drive/x/y']);
    expect(folderAndAbove('drive')).toEqual([]);
    expect(folderAndAbove('drive/x/y')).toEqual(['drive/x', 'drive/x/y']);
  });
});
