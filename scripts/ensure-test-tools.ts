import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * What the tests need from the machine besides npm's packages, from Debian's packages: Chromium
 * for the end-to-end tests (Playwright's own browser download cannot work offline), and
 * Python's `requests` for the server tests that run the seed documents' own snippets unchanged.
 * Installs what is missing when we may (root with apt-get); otherwise says how.
 *
 *   tsx scripts/ensure-test-tools.ts chromium python-requests
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const succeeds = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;

interface Tool {
  /** Whether the machine has it. */
  present: () => boolean;
  /** The Debian package that brings it. */
  debianPackage: string;
  /** How to get it by hand, when we may not install it. */
  instead: string;
}

const TOOLS: Record<string, Tool> = {
  chromium: {
    present: () => fs.existsSync(CHROMIUM_PATH),
    debianPackage: 'chromium',
    instead: `point CHROMIUM_PATH at a Chromium binary (looked for ${CHROMIUM_PATH})`,
  },
  'python-requests': {
    // The tests try PYTHON, then python3 on the PATH, then Debian's own python3.
    present: () =>
      [process.env.PYTHON, 'python3', '/usr/bin/python3'].some(
        (python) => python !== undefined && succeeds(python, ['-c', 'import requests']),
      ),
    debianPackage: 'python3-requests',
    instead: 'set PYTHON to a python3 that can `import requests`',
  },
};

function run(command: string, args: string[]) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in TOOLS));
if (wanted.length === 0 || unknown.length > 0) {
  console.error(`Name the tools to ensure, of: ${Object.keys(TOOLS).join(', ')}`);
  process.exit(1);
}

const missing = wanted.map((name) => TOOLS[name]!).filter((tool) => !tool.present());
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.debianPackage);
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    for (const tool of missing) {
      console.error(
        `Missing Debian's "${tool.debianPackage}" package: install it (sudo apt-get install ${tool.debianPackage}), or ${tool.instead}.`,
      );
    }
    process.exit(1);
  }
  console.log(`Installing Debian's ${packages.join(', ')} for the tests.`);
  if (
    !run('apt-get', ['update']) ||
    !run('apt-get', ['install', '-y', '--no-install-recommends', ...packages])
  ) {
    console.error(`Installing ${packages.join(', ')} failed.`);
    process.exit(1);
  }
  const still = missing.filter((tool) => !tool.present());
  if (still.length > 0) {
    console.error(
      `Installed, but still missing: ${still.map((tool) => tool.debianPackage).join(', ')}.`,
    );
    process.exit(1);
  }
}
