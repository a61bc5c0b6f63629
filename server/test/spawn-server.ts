import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface SpawnedServer {
  proc: ChildProcess;
  port: number;
  output(): string;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Resolves once the process has exited (at once if it already has). */
export function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });
}

export async function waitUntilReady(port: number, proc: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => null);
    if (ready?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${output()}`);
}

/**
 * The real server process (`server/main.ts start`), as tests and benchmarks need it: its own
 * port and data directory, ready when this resolves.
 */
export async function spawnServer({
  port,
  dataDir,
  env = {},
  args = [],
}: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  args?: string[];
}): Promise<SpawnedServer> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      'start',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      ...args,
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  proc.stdout!.on('data', (chunk) => (output += chunk));
  proc.stderr!.on('data', (chunk) => (output += chunk));
  await waitUntilReady(port, proc, () => output);
  return {
    proc,
    port,
    output: () => output,
    stop: (signal = 'SIGTERM') => {
      proc.kill(signal);
      return exited(proc);
    },
  };
}
