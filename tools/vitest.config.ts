import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../node_modules/.vite/tools',
  test: {
    name: 'tools',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    exclude: configDefaults.exclude,
    testTimeout: 120_000,
  },
});
