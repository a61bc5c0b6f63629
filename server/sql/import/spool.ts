import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { leftBehind } from '../../files/store';
import type { Logger } from '../../logger';

/**
 * Where an import's upload waits on disk while it is read and loaded:
 *
 *   <dir>/import-<uuid>-<pid>-<host>
 *
 * named after the server that owns it, as the file store names its uploads' folders, so that a
 * start can tell what a killed server left (its process is gone) from what a running import is
 * still writing, and remove only the former.
 */

const PREFIX = 'import-';
const NAME =
  /^import-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-(\d+)-(.+))?$/;

/** Spool files of imports running in this process, which another app's start must not remove. */
const running = new Set<string>();

/** A new spool file's path in `dir`, owned by this process until `releaseSpool`. */
export async function claimSpool(dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const name = `${PREFIX}${randomUUID()}-${process.pid}-${os.hostname()}`;
  running.add(name);
  return path.join(dir, name);
}

/** Removes a spool file; its import is over. */
export async function releaseSpool(file: string) {
  try {
    await fs.rm(file, { force: true });
  } finally {
    running.delete(path.basename(file));
  }
}

/**
 * Removes from `dir` the spool files no running import owns: those of servers that are gone
 * (killed during an import), and ones named before spool files had owners, once a day old.
 */
export async function removeLeftoverSpools(dir: string, logger: Pick<Logger, 'info' | 'warn'>) {
  let removed = 0;
  try {
    for (const name of await fs.readdir(dir).catch(ifMissing([]))) {
      const match = NAME.exec(name);
      if (!match) continue;
      const owner = match[1] === undefined ? null : { pid: Number(match[1]), host: match[2]! };
      const file = path.join(dir, name);
      if (await leftBehind(file, owner, running.has(name))) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
  } catch (error) {
    // Leftovers cost disk, not correctness: the server starts, and the next start tries again.
    logger.warn({ err: error, dir }, 'could not remove files left by interrupted imports');
  }
  if (removed > 0) logger.info({ removed, dir }, 'removed files left by interrupted imports');
}

const ifMissing =
  <T>(fallback: T) =>
  (error: unknown): T => {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return fallback;
    throw error;
  };
