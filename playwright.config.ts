import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1366, height: 768 },
    // a trace records a screencast of every test; on a two-core machine that costs about a quarter
    // of the suite's time, so it is recorded only on request (E2E_TRACE=1, e.g. to debug a failure)
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    // the service worker (PWA) would download the whole app in every test's fresh context:
    // blocked here, allowed by the offline test (e2e/offline.spec.ts)
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /frames\.spec\.ts/, use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 } } },
    // frame counting (what a person sees move) needs the machine to itself: it starts once every
    // other test has finished and runs its tests one after another in a single browser
    {
      name: 'frames',
      testMatch: /frames\.spec\.ts/,
      dependencies: ['chromium'],
      fullyParallel: false,
      // no trace recording: its screencast would take the frames being counted
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, trace: 'off' },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
