import { join } from 'node:path';
import type { CacheContext } from '../context.js';
import { isNotFoundError } from '../errors.js';
import { readWithIdentity } from '../files/read.js';
import type { JsonValue } from './canonical-json.js';
import { classifyContent } from './content.js';
import type { EntryMetadata } from './format.js';
import { isSafeFileName } from './name.js';
import { entryStatus, type EntryStatus } from './status.js';

export interface InspectedEntry {
  readonly file: string;
  readonly path: string;
  readonly size_bytes: number;
  readonly status: EntryStatus;
  readonly pinned: boolean;
  readonly metadata?: EntryMetadata;
  readonly data?: JsonValue;
  /** Why the entry is corrupt or stale, when it is. */
  readonly problem?: string;
}

/**
 * One entry file's content for a person to look at (`cache show`, the dashboard), whatever its
 * name (a Python-era name with accents too). Only a plain name at the top of the directory is
 * accepted, so no path can reach outside the cache. Nothing is recorded or moved. Undefined for
 * a file that is missing or is not an entry at all.
 */
export function inspectEntry(context: CacheContext, file: string): InspectedEntry | undefined {
  if (!isSafeFileName(file)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readWithIdentity(join(context.layout.root, file)).bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isNotFoundError(error) || code === 'EISDIR' || code === 'ELOOP') return undefined;
    throw error;
  }
  const base = {
    file,
    path: join(context.directory, file),
    size_bytes: bytes.length,
    pinned: context.pins.isPinned(file),
  };
  const content = classifyContent(file, bytes);
  if (content.kind === 'foreign') return undefined;
  if (content.kind === 'corrupt') {
    return { ...base, status: 'corrupt', problem: `${content.reason}: ${content.detail}` };
  }
  const { entry } = content;
  const missing = (entry.metadata.blobs ?? []).find((blob) => !context.blobs.has(blob));
  const view = context.index.view();
  const row = view.rowOfFile(file);
  const stale = row === undefined ? undefined : view.staleReasons(row);
  const status = entryStatus({
    corrupt: missing !== undefined,
    edited: entry.edited,
    stale: stale !== undefined,
    legacy: entry.legacy,
  });
  const problem = missing
    ? `missing blob sha256:${missing.sha256}`
    : entry.edited
      ? 'its data was edited by hand after it was saved'
      : stale
        ? `stale: ${stale.join('; ')}`
        : undefined;
  return { ...base, status, metadata: entry.metadata, data: entry.data, ...(problem && { problem }) };
}
