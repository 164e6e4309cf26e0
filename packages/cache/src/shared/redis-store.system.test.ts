import { RedisServer, redisRequirement } from '@streamgank/testing';
import { afterAll, beforeAll } from 'vitest';
import { sharedTierSettings } from './settings.js';
import { RedisStore } from './redis-store.js';
import { freshPrefix } from '../test-support/shared-tier.js';
import { sharedStoreContract } from '../test-support/shared-store-contract.js';

const { skip } = redisRequirement();
let server: RedisServer | undefined;

beforeAll(async () => {
  if (!skip) server = await RedisServer.start();
});
afterAll(async () => {
  await server?.stop();
});

sharedStoreContract(
  'RedisStore',
  async () => {
    const url = (server as RedisServer).url;
    const store = new RedisStore(url, url, sharedTierSettings({ keyPrefix: freshPrefix(), chunkBytes: 64 * 1024 }));
    return { store, close: () => store.close() };
  },
  { skip },
);
