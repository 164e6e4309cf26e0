import { packageTestConfig } from '../../vitest.shared.mjs';

export default packageTestConfig({ name: 'cli', root: import.meta.dirname });
