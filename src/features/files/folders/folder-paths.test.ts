import { describe, expect, it } from 'vitest';
import {
  baseName,
  childPath,
  crumbsOf,
  folderFromAddress,
  folderNameProblem,
  parentOf,
} from './folder-paths';

describe('folder paths', () => {
  it('split a path into its crumbs, its name and its parent', () => {
    expect(crumbsOf('drive/photos/2024')).toEqual([
      { path: 'drive', name: 'drive' },
      { path: 'drive/photos', name: 'photos' },
      { path: 'drive/photos/2024', name: '2024' },
    ]);
    expect(crumbsOf('drive')).toEqual([{ path: 'drive', name: 'drive' }]);
    expect(baseName('drive/photos/2024')).toBe('2024');
    expect(parentOf('drive/photos/2024')).toBe('drive/photos');
    expect(parentOf('drive')).toBe('drive');
    expect(childPath('drive/photos', ' 2024 ')).toBe('drive/photos/2024');
  });

  it('take a folder from the address only when it is under drive', () => {
    expect(folderFromAddress('drive/a b/')).toBe('drive/a b');
    for (const odd of [null, '', 'photos', 'drivers', '/drive']) {
      expect(folderFromAddress(odd)).toBe('drive');
    }
  });

  it('say what is wrong with a new folder name that can be seen at once', () => {
    expect(folderNameProblem('  ')).toBe('Give the folder a name');
    expect(folderNameProblem('a//b')).toMatch(/\/\//);
    expect(folderNameProblem('/a')).toMatch(/start or end/);
    expect(folderNameProblem('..')).toBe('A name cannot be . or ..');
    expect(folderNameProblem('2024/summer')).toBeNull();
  });
});
