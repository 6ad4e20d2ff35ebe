/**
 * The screenshot pass (not part of `npm test`): every page kind at the sizes the project supports,
 * in both languages, written to test-results/screens/ to be looked at.
 *   vite build && E2E_PORT=4173 npx playwright test -c scripts/screens.config.ts [-g FILTER]
 */
import { defineConfig } from '@playwright/test';
import base from '../playwright.config.ts';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: process.env.SCREENS_MATCH ?? 'screens.spec.ts',
  outputDir: '../test-results/screens-artifacts',
  webServer: { ...base.webServer!, cwd: '..' } as NonNullable<typeof base.webServer>,
});
