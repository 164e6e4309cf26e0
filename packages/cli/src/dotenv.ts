import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { UsageError } from './errors.js';

export interface DotEnv {
  readonly path: string;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * The `.env` file of `directory`, parsed but not applied: its values reach the cache and the
 * pipeline through their options, so they never leak into child processes by way of process.env.
 */
export function readDotEnv(directory: string): DotEnv | undefined {
  const path = join(directory, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw new UsageError(`Cannot read ${path} (${code ?? String(error)}): fix its permissions or remove it.`);
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) if (value !== undefined) values[name] = value;
  return { path, values };
}
