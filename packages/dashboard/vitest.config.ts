import { packageTestConfig } from '../../vitest.shared.mjs';

export default packageTestConfig({ name: 'dashboard', root: import.meta.dirname });
