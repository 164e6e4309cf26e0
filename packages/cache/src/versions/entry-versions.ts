import type { CacheContext } from '../context.js';
import { isNotFoundError } from '../errors.js';
import { readWithIdentity } from '../files/read.js';
import { classifyContent } from '../entries/content.js';
import type { ParsedEntry } from '../entries/format.js';
import { entryFileName, isSafeFileName } from '../entries/name.js';
import type { StoredVersion } from './store.js';

/** One version of an entry: 0 is the file in place, 1 the one it replaced, and so on. */
export interface EntryVersion {
  readonly version: number;
  /** The kept version's id in the entry's history; absent for the current file. */
  readonly id?: string;
  readonly entry: ParsedEntry;
  readonly bytes: Buffer;
  /** When the version was saved (seconds). */
  readonly saved_timestamp: number;
  /** When it was moved into the history, i.e. replaced (ms); absent for the current file. */
  readonly replaced_ms?: number;
  /** A result made for a pinned entry, kept instead of replacing it. */
  readonly candidate: boolean;
  readonly stored?: StoredVersion;
}

/** Every version of the entry a file holds, newest first, and the name its history is kept under. */
export function entryVersions(
  context: CacheContext,
  file: string,
): { historyOf: string; versions: EntryVersion[] } | undefined {
  if (!isSafeFileName(file)) return undefined;
  const current = readEntryFile(context, file);
  const historyOf = current ? (primaryOf(current.entry) ?? file) : file;
  const versions: EntryVersion[] = [];
  if (current) {
    versions.push({
      version: 0,
      entry: current.entry,
      bytes: current.bytes,
      saved_timestamp: current.entry.metadata.saved_timestamp,
      candidate: false,
    });
  }
  for (const stored of context.versions.list(historyOf)) {
    const bytes = context.versions.read(stored);
    if (!bytes) continue;
    const content = classifyContent(stored.id, bytes);
    if (content.kind !== 'entry') continue;
    versions.push({
      version: current ? versions.length : versions.length + 1,
      id: stored.id,
      entry: content.entry,
      bytes,
      saved_timestamp: stored.saved_timestamp,
      replaced_ms: stored.mtime_ms,
      candidate: stored.candidate,
      stored,
    });
  }
  if (versions.length === 0) return undefined;
  return { historyOf, versions };
}

function readEntryFile(context: CacheContext, file: string): { entry: ParsedEntry; bytes: Buffer } | undefined {
  let bytes: Buffer;
  try {
    bytes = readWithIdentity(context.absolutePathOf(file)).bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isNotFoundError(error) || code === 'EISDIR' || code === 'ELOOP') return undefined;
    throw error;
  }
  const content = classifyContent(file, bytes);
  return content.kind === 'entry' ? { entry: content.entry, bytes } : undefined;
}

function primaryOf(entry: ParsedEntry): string | undefined {
  try {
    return entryFileName(entry.metadata.data_type, entry.metadata.parameters);
  } catch {
    return undefined;
  }
}
