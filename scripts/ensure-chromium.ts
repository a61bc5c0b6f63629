import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Playwright's own browser download cannot work offline, so the end-to-end tests use Debian's
 * Chromium. Installs it when it is missing and we may (root with apt-get); otherwise says how.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

if (!fs.existsSync(CHROMIUM_PATH)) {
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's "chromium" package ` +
        '(sudo apt-get install chromium) or point CHROMIUM_PATH at a Chromium binary.',
    );
    process.exit(1);
  }
  console.log(`No Chromium at ${CHROMIUM_PATH}: installing Debian's chromium package.`);
  if (
    !run('apt-get', ['update']) ||
    !run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])
  ) {
    console.error('Installing chromium failed.');
    process.exit(1);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.error(`chromium installed, but ${CHROMIUM_PATH} is still missing.`);
    process.exit(1);
  }
}
