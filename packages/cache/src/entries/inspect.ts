import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from './canonical-json.js';
import type { CacheContext } from '../context.js';
import { EntryParseFailure, parseEntry, type EntryMetadata } from './format.js';
import { isEntryFileName } from './name.js';
import type { EntryStatus } from '../index/indexed-entry.js';
import { isNotFoundError } from '../errors.js';

export interface InspectedEntry {
  readonly file: string;
  readonly path: string;
  readonly size_bytes: number;
  readonly status: EntryStatus;
  readonly metadata?: EntryMetadata;
  readonly data?: JsonValue;
  /** Why the entry is corrupt, when it is. */
  readonly problem?: string;
}

/**
 * One entry's content for a person to look at (`cache show`, the dashboard). Only names an entry
 * could have are accepted, so no path can reach outside the cache. Nothing is recorded or moved.
 */
export function inspectEntry(context: CacheContext, file: string): InspectedEntry | undefined {
  if (!isEntryFileName(file)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(context.layout.root, file));
  } catch (error) {
    if (isNotFoundError(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
  const base = { file, path: join(context.directory, file), size_bytes: bytes.length };
  try {
    const entry = parseEntry(bytes);
    const missing = (entry.metadata.blobs ?? []).filter((blob) => !context.blobs.has(blob));
    if (missing.length > 0) {
      return {
        ...base,
        status: 'corrupt',
        metadata: entry.metadata,
        data: entry.data,
        problem: `missing blob sha256:${missing[0]?.sha256}`,
      };
    }
    const indexed = context.index.entries().find((candidate) => candidate.file === file);
    const status: EntryStatus = indexed?.stale_reasons ? 'stale' : entry.legacy ? 'legacy' : 'ok';
    return { ...base, status, metadata: entry.metadata, data: entry.data };
  } catch (error) {
    if (!(error instanceof EntryParseFailure)) throw error;
    return { ...base, status: 'corrupt', problem: `${error.reason}: ${error.detail}` };
  }
}
