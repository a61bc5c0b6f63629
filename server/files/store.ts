import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isAlive } from '../db/embedded';
import type { Logger } from '../logger';
import { SNIFF_BYTES } from './sniff';

/**
 * The bytes of uploaded files, on disk:
 *
 *   <root>/<workspace>/<uuid>                 the file, named by its id only
 *   <root>/<workspace>/<uuid>.thumbs/<w>.jpeg  thumbnails made from it, kept as a cache
 *   <root>/.tmp/<pid>-<random>-<host>/         this server's uploads in progress
 *
 * An upload streams into the temporary folder and is renamed into place (same file system, so
 * the rename is atomic) before its row is written: a listed file always has its bytes, and
 * what a crash leaves behind is at worst bytes without a row, which `sweep` removes.
 */

/** A complete upload in the temporary folder, not yet in place. */
export interface ReceivedFile {
  tempPath: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The first bytes, for the content sniffer. */
  head: Buffer;
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
}

const TEMP = '.tmp';
const THUMBS = '.thumbs';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** Temporary folders of servers on other machines sharing this store are left this long. */
const FOREIGN_TEMP_AGE_MS = 24 * 60 * 60 * 1000;
/** Bytes without a row younger than this may be an upload between its rename and its insert. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** Temporary folders of stores open in this process, which a second store must not clear. */
const liveTempDirs = new Set<string>();

/** The server a temporary entry belongs to, as its name says. */
export interface TempOwner {
  pid: number;
  host: string;
}

/**
 * Whether a temporary entry (an upload's folder, an import's spool file) was left by a server
 * that is gone, so it can be removed. One this process is using (`inUse`) never is. One of this
 * machine is left behind when its process is dead, or is this process after a restart that
 * reused the pid. One whose process cannot be asked (another machine sharing the folder, or no
 * owner in its name) is left behind only once untouched for a day.
 */
export async function leftBehind(
  entryPath: string,
  owner: TempOwner | null,
  inUse: boolean,
): Promise<boolean> {
  if (inUse) return false;
  if (owner && owner.host === os.hostname()) {
    return owner.pid === process.pid || !isAlive(owner.pid);
  }
  const stat = await fs.stat(entryPath).catch(() => null);
  return stat !== null && Date.now() - stat.mtimeMs > FOREIGN_TEMP_AGE_MS;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** Makes a rename or a new file in `dir` survive a power cut, not only a crash. */
async function syncDir(dir: string) {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function mapLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class FileStore {
  readonly tempDir: string;
  private readonly tempName: string;

  private constructor(
    readonly root: string,
    private readonly logger: Logger,
  ) {
    this.tempName = `${process.pid}-${randomBytes(6).toString('hex')}-${os.hostname()}`;
    this.tempDir = path.join(root, TEMP, this.tempName);
  }

  /** Opens the store at `root`, first removing what crashed uploads left in its temp folder. */
  static async open(root: string, logger: Logger): Promise<FileStore> {
    const store = new FileStore(path.resolve(root), logger);
    await fs.mkdir(path.join(store.root, TEMP), { recursive: true });
    await store.removeStaleTemp();
    await fs.mkdir(store.tempDir);
    liveTempDirs.add(store.tempName);
    return store;
  }

  async close() {
    liveTempDirs.delete(this.tempName);
    await fs.rm(this.tempDir, { recursive: true, force: true });
  }

  /** Temporary folders of servers that are gone (see `leftBehind`). */
  private async removeStaleTemp() {
    const base = path.join(this.root, TEMP);
    for (const name of await fs.readdir(base)) {
      const match = /^(\d+)-[0-9a-f]+-(.*)$/.exec(name);
      const owner = match ? { pid: Number(match[1]), host: match[2]! } : null;
      if (await leftBehind(path.join(base, name), owner, liveTempDirs.has(name))) {
        this.logger.info({ dir: name }, 'removing files left by interrupted uploads');
        await fs.rm(path.join(base, name), { recursive: true, force: true });
      }
    }
  }

  /** A fresh path in this server's temporary folder. */
  tempPath(suffix = '.part') {
    return path.join(this.tempDir, `${randomUUID()}${suffix}`);
  }

  /**
   * Streams `source` into a temporary file, hashing and counting as it goes. Past `limitBytes`
   * it stops reading and rejects with FileTooLargeError; on any failure the temporary file is
   * gone when this rejects.
   */
  async receive(source: Readable, limitBytes: number): Promise<ReceivedFile> {
    const tempPath = this.tempPath();
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > limitBytes) {
          callback(new FileTooLargeError(`The file is larger than ${limitBytes} bytes`));
          return;
        }
        hash.update(chunk);
        if (headLength < SNIFF_BYTES) {
          headChunks.push(chunk.subarray(0, SNIFF_BYTES - headLength));
          headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
        }
        callback(null, chunk);
      },
    });
    try {
      // `flush` syncs the bytes before the stream closes: a rename after a power cut must not
      // point at an empty file.
      await pipeline(
        source,
        meter,
        createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true }),
      );
    } catch (error) {
      await fs.rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) };
  }

  /** Drops a received file that will not be kept. */
  discard(file: ReceivedFile) {
    return fs.rm(file.tempPath, { force: true });
  }

  workspaceDir(workspaceId: string) {
    return path.join(this.root, workspaceId);
  }

  pathOf(workspaceId: string, id: string) {
    return path.join(this.workspaceDir(workspaceId), id);
  }

  thumbnailPath(workspaceId: string, id: string, width: number, format: string) {
    return path.join(this.workspaceDir(workspaceId), `${id}${THUMBS}`, `${width}.${format}`);
  }

  /** Marks an image sharp could not read, so it is not decoded again on every request. */
  unreadableMarkerPath(workspaceId: string, id: string) {
    return path.join(this.workspaceDir(workspaceId), `${id}${THUMBS}`, 'unreadable');
  }

  /** Moves a received file to its final name. The row is written after this, never before. */
  async place(file: ReceivedFile, workspaceId: string, id: string): Promise<string> {
    const dir = this.workspaceDir(workspaceId);
    const target = this.pathOf(workspaceId, id);
    for (let attempt = 0; ; attempt++) {
      await fs.mkdir(dir, { recursive: true });
      try {
        await fs.rename(file.tempPath, target);
        break;
      } catch (error) {
        // A workspace deleted and made again can lose its empty folder between mkdir and rename.
        if (errorCode(error) !== 'ENOENT' || attempt > 0) throw error;
      }
    }
    await syncDir(dir);
    return target;
  }

  /** Puts a finished temporary file (a thumbnail) at `target`, replacing what is there. */
  async publish(tempPath: string, target: string) {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(tempPath, target);
  }

  /** Removes a file's bytes and thumbnails. Call after its row is gone. */
  async remove(workspaceId: string, id: string) {
    await fs.rm(this.pathOf(workspaceId, id), { force: true });
    await this.removeThumbnails(workspaceId, id);
  }

  async removeThumbnails(workspaceId: string, id: string) {
    await fs.rm(`${this.pathOf(workspaceId, id)}${THUMBS}`, { recursive: true, force: true });
  }

  /**
   * Removes the files of a deleted workspace, by id: a workspace made again with the same id
   * may already have new files in the same folder, which stay.
   */
  async removeWorkspace(workspaceId: string, ids: readonly string[]) {
    await mapLimited(ids, 16, (id) => this.forget(workspaceId, id));
    await fs.rmdir(this.workspaceDir(workspaceId)).catch(() => {});
  }

  /**
   * `remove` for bytes whose row is already gone: a failure is logged, not thrown, as the
   * delete has happened; `sweep` removes what is left on the next start.
   */
  async forget(workspaceId: string, id: string) {
    await this.remove(workspaceId, id).catch((error: unknown) =>
      this.logger.warn({ err: error, workspaceId, id }, 'could not remove a deleted file'),
    );
  }

  /**
   * Removes bytes that have no row (what a crash between the rename and the insert, or between
   * a delete's commit and its unlink, leaves behind). `known` answers which of a workspace's
   * ids have rows. Entries younger than an hour are left alone: they may be an upload between
   * its rename and its insert on this or another server.
   */
  async sweep(known: (workspaceId: string, ids: string[]) => Promise<Set<string>>) {
    let removed = 0;
    for (const entry of await fs.readdir(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dir = path.join(this.root, entry.name);
      const oldIds = new Set<string>();
      for (const name of await fs.readdir(dir).catch(() => [])) {
        const id = UUID.exec(name)?.[0];
        const stat = id ? await fs.stat(path.join(dir, name)).catch(() => null) : null;
        if (id && stat && Date.now() - stat.mtimeMs > ORPHAN_AGE_MS) oldIds.add(id);
      }
      if (oldIds.size > 0) {
        const ids = [...oldIds];
        const rows = await known(entry.name, ids);
        const orphans = ids.filter((id) => !rows.has(id));
        await mapLimited(orphans, 16, (id) => this.remove(entry.name, id));
        removed += orphans.length;
      }
      await fs.rmdir(dir).catch(() => {});
    }
    if (removed > 0) this.logger.info({ removed }, 'removed stored files that had no record');
    return removed;
  }
}
