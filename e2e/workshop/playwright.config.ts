/**
 * The workshop specs on their own port and build folder, so they can run while other browser
 * tests hold the default port: `npx playwright test -c e2e/workshop/playwright.config.ts`.
 * `npm test` runs them too, through the main config (its testDir holds this folder).
 */
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

const PORT = 4183;

export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: '../../test-results/workshop-artifacts',
  reporter: [['list']],
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command: `npx vite build --mode test --outDir test-results/workshop-app --emptyOutDir && npx vite preview --outDir test-results/workshop-app --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
