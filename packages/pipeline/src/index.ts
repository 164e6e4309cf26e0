export { createCache } from '@streamgank/cache';
