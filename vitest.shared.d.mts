import type { ViteUserConfig } from 'vitest/config';

export declare const POLL_TIMEOUT_MS: number;

export declare function packageTestConfig(project: {
  readonly name: string;
  readonly root: string;
  readonly testTimeout?: number;
}): ViteUserConfig;
