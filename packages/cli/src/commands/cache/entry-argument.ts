import { basename, dirname, resolve } from 'node:path';
import { isEntryFileName, type Cache } from '@streamgank/cache';
import { UsageError } from '../../errors.js';

/**
 * The entry file a command was given: a name (`script_result_us_horror_netflix.json`, with or
 * without `.json`) or a path into the cache directory (tab completion gives one). Anything else is
 * a usage error that says what an entry name looks like.
 */
export function entryFileArgument(cache: Cache, argument: string): string {
  if (argument.includes('/') && resolve(dirname(argument)) !== resolve(cache.directory)) {
    throw new UsageError(
      `${argument} is not in the cache directory ${cache.directory}: give an entry file name such as script_result_us_horror_netflix.json.`,
    );
  }
  const name = basename(argument).endsWith('.json') ? basename(argument) : `${basename(argument)}.json`;
  if (!isEntryFileName(name)) {
    throw new UsageError(
      `${JSON.stringify(argument)} is not an entry file name: entries are named like script_result_us_horror_netflix.json.`,
    );
  }
  return name;
}
