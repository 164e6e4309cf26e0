// Loaded with `node --import`: installs module-log-hooks.mjs, which records every resolved module.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
