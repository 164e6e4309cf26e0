import type { CacheContext } from '../context.js';
import type { JsonValue } from './canonical-json.js';
import { alternateEntryFileName, entryFileName, legacyEntryFileName, type EntryParameters } from './name.js';

/** Paths for an entry: `file` is its name, `path` is as the user would type it (relative stays relative). */
export function entryLocation(context: CacheContext, dataType: string, parameters: EntryParameters) {
  const file = entryFileName(dataType, parameters);
  return { file, path: context.pathOf(file), absolute: context.absolutePathOf(file) };
}

/**
 * Every name an entry's file can have, in the order a reader looks: its seed name, the name it
 * takes when another entry holds the seed name, and the name the Python version gave it.
 */
export function candidateFileNames(
  dataType: string,
  parameters: EntryParameters,
): {
  readonly primary: string;
  readonly alternate: string;
  readonly legacy: string | undefined;
} {
  const primary = entryFileName(dataType, parameters);
  const legacy = legacyEntryFileName(dataType, parameters);
  return {
    primary,
    alternate: alternateEntryFileName(dataType, parameters),
    legacy: legacy !== primary ? legacy : undefined,
  };
}

/** Extra keys given with the three parameters are inputs too: nothing a caller passes is ignored. */
export function splitParameters(parameters: EntryParameters & Record<string, unknown>): {
  parameters: EntryParameters;
  extraInputs: Record<string, JsonValue>;
} {
  const { country, genre, platform, ...rest } = parameters;
  return { parameters: { country, genre, platform }, extraInputs: rest as Record<string, JsonValue> };
}
