import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runningPostmaster } from '../db/embedded';
import type { SpawnedServer } from './spawn-server';

/**
 * A data directory for a test file that runs the real server process and kills it: made before
 * the file's tests, and removed after them together with whatever was left running in it (the
 * last server, a postmaster whose server was killed).
 */
export function spawnedDataDir(prefix: string, server: () => SpawnedServer | undefined) {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  });
  afterAll(async () => {
    const last = server();
    if (last && last.proc.exitCode === null) await last.stop('SIGTERM');
    const orphan = await runningPostmaster(dataDir);
    if (orphan) process.kill(orphan.pid, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  return () => dataDir;
}
