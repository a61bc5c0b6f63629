import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `engines` states the Node the project is tested on, and every installed package accepts it:
 * otherwise each `npm install` warns (EBADENGINE), and the package may use what that Node lacks.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const ours: string = read('package.json').engines.node;
const lock = read('package-lock.json') as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('engines', () => {
  it('covers the Node this runs on', () => {
    expect(semver.satisfies(process.version, ours), `${process.version} in ${ours}`).toBe(true);
  });

  it.each([
    ['the oldest Node `engines` allows', semver.minVersion(ours)!.version],
    ['the Node this runs on', process.version],
  ])('is accepted by every locked package, for %s', (_, version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.optional)
      .flatMap(([name, { engines }]) => {
        const range = engines && !Array.isArray(engines) ? engines.node : undefined;
        return range && !semver.satisfies(version, range, { includePrerelease: true })
          ? [`${name.replace(/^.*node_modules\//, '')} wants ${range}`]
          : [];
      });
    expect(refusing).toEqual([]);
  });
});
