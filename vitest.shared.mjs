import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const workspaceRoot = fileURLToPath(new URL('.', import.meta.url));

/** How long an `expect.poll` waits unless told: long enough for a loaded CI machine, not a hung test. */
export const POLL_TIMEOUT_MS = 15_000;

/**
 * The vitest configuration every package shares (a plain module, so Nx can read each package's
 * config before anything is built). STREAMGANK_TEST_SCOPE=unit skips the slow, system-dependent
 * tests (`*.system.test.ts`: FFmpeg, Chromium, Redis, multi-process crash tests); =system runs
 * only those; unset runs everything.
 *
 * `expect.poll` waits up to POLL_TIMEOUT_MS, not vitest's 1 s: a browser redrawing a table on a CI
 * machine busy with three other packages' tests can take more than a second, and a poll only ever
 * waits for what the test says must happen.
 *
 * @param {{ name: string; root: string; testTimeout?: number }} project the name vitest shows, the
 *   package's directory (its `import.meta.dirname`), and the time one test may take
 */
export function packageTestConfig({ name, root, testTimeout = 30_000 }) {
  const scope = process.env['STREAMGANK_TEST_SCOPE'] ?? 'all';
  const systemTests = 'src/**/*.system.test.ts';
  return defineConfig({
    root,
    cacheDir: join(workspaceRoot, 'node_modules/.vite', relative(workspaceRoot, root)),
    test: {
      name,
      environment: 'node',
      include: scope === 'system' ? [systemTests] : ['src/**/*.test.ts'],
      exclude: scope === 'unit' ? [...configDefaults.exclude, systemTests] : configDefaults.exclude,
      testTimeout,
      hookTimeout: 60_000,
      expect: { poll: { timeout: POLL_TIMEOUT_MS } },
    },
  });
}
