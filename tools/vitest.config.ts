import { packageTestConfig } from '../vitest.shared.mjs';

// Each test here installs, packs or builds the whole workspace: minutes, not seconds.
export default packageTestConfig({ name: 'tools', root: import.meta.dirname, testTimeout: 120_000 });
