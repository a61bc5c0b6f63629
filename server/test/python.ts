import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Running the seeds' own snippets as their readers run them: Python 3 with `requests`, and curl,
 * against a server of the tests on this machine.
 */

export const run = promisify(execFile);

/** Requests to this machine's server go straight to it, whatever proxy the environment sets. */
export const DIRECT = {
  ...process.env,
  NO_PROXY: '127.0.0.1,localhost',
  no_proxy: '127.0.0.1,localhost',
};

/**
 * A Python 3 that has `requests`: $PYTHON, the one on PATH, or Debian's (package
 * python3-requests). None is a failure that says what to install, never a skipped test.
 */
export async function pythonWithRequests(): Promise<string> {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const python of candidates) {
    try {
      await run(python, ['-c', 'import requests']);
      return python;
    } catch {
      // not this one
    }
  }
  throw new Error(
    `The seed's snippet needs Python 3 with requests, and none of ${candidates.join(', ')} has it: ` +
      'install it (apt-get install -y python3-requests), or set PYTHON to a python3 that has it',
  );
}
