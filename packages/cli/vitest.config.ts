import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/packages/cli',
  test: {
    name: 'cli',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    reporters: ['default'],
    testTimeout: 30_000,
  },
});
