import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real server (embedded Postgres on a fresh data directory) in
 * Debian's Chromium; Playwright's own browser download does not work offline.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8181);
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
// Its own folders per port, so two runs at once (two people, or helpers) do not wipe each other's.
const own = (name: string) => (E2E_PORT === 8181 ? name : `${name}-${E2E_PORT}`);
const dataDir = own('.data/e2e');

export default defineConfig({
  testDir: 'e2e',
  outputDir: own('test-results'),
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_500 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `rm -rf ${dataDir} && exec node --import tsx server/main.ts start --port ${E2E_PORT} --data-dir ${dataDir} --log-level warn`,
    url: `http://127.0.0.1:${E2E_PORT}/api/ready`,
    env: {
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      ADMIN_EMAIL: 'admin@example.com',
      // Every spec makes organizations as the one admin, far more than a person may by default.
      MAX_ORGANIZATIONS_PER_USER: '1000',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
  },
});
