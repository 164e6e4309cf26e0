import { packageTestConfig } from '../../vitest.shared.mjs';

export default packageTestConfig({ name: 'pipeline', root: import.meta.dirname });
