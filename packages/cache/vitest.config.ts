import { packageTestConfig } from '../../vitest.shared.mjs';

export default packageTestConfig({ name: 'cache', root: import.meta.dirname });
