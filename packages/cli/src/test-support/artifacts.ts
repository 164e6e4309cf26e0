import { fileURLToPath } from 'node:url';

/** Screenshots land here (git-ignored) for a person to look at after the run. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
