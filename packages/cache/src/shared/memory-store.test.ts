import { MemoryStore } from '../index.js';
import { sharedStoreContract } from '../test-support/shared-store-contract.js';

sharedStoreContract('MemoryStore', async () => ({ store: new MemoryStore(), close: async () => {} }));
