import { configDefaults, defineConfig } from 'vitest/config';

// STREAMGANK_TEST_SCOPE=unit skips the slow, system-dependent tests (*.system.test.ts: packing and
// installing the packages, a real video); =system runs only those; unset runs everything.
const scope = process.env['STREAMGANK_TEST_SCOPE'] ?? 'all';
const systemTests = 'src/**/*.system.test.ts';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../node_modules/.vite/tools',
  test: {
    name: 'tools',
    environment: 'node',
    include: scope === 'system' ? [systemTests] : ['src/**/*.test.ts'],
    exclude: scope === 'unit' ? [...configDefaults.exclude, systemTests] : configDefaults.exclude,
    testTimeout: 120_000,
  },
});
