import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    // A private TMPDIR per run; a test that leaves a temp folder behind fails the run (issue 10).
    globalSetup: ['test/tempFolders.globalSetup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          // One jsdom per worker, reused across files: building a jsdom per file was over a third of the suite's
          // time. Isolation between tests comes from setup.ts (cleanup, store reset, fake API reinstalled by each
          // test, real timers and globals restored), not from a fresh environment.
          isolate: false,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Each spec drives a real Chromium and a harness; two cores cannot run many at once.
          fileParallelism: false,
          // expect.poll waits for what the app shows; vitest's default of 1 s failed 1 run in 10 when the machine
          // was busy (the first AppInstance listed after 1.1 s at a load average of 9).
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
