import type { CorruptReason } from '../errors.js';
import { EntryParseFailure, parseEntry, type ParsedEntry } from './format.js';
import { isEntryFileName } from './name.js';

/**
 * What a file at the top of the cache directory holds. Every file there is one of these: an
 * entry (this version's layout or the Python version's, whatever its name), a corrupt entry (a
 * name this cache writes, or content that tries to be an entry, but bytes that cannot be read as
 * one), or a foreign file (anything else: notes, a README, a stray video).
 */
export type FileContent =
  | { readonly kind: 'entry'; readonly entry: ParsedEntry }
  | { readonly kind: 'corrupt'; readonly reason: CorruptReason; readonly detail: string }
  | { readonly kind: 'foreign'; readonly detail: string };

/** Entry files are read whole; a `.json` file larger than this is not one of ours. */
const MAX_ENTRY_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Why a top-level file is not an entry, told from its `lstat` alone, or undefined when it may hold
 * one and is worth reading. Links are never followed: one could lead outside the cache.
 */
export function foreignWithoutReading(
  name: string,
  link: { isFile(): boolean; isSymbolicLink(): boolean; readonly size: number },
): string | undefined {
  if (link.isSymbolicLink()) return 'a symbolic link';
  if (!link.isFile()) return 'not a regular file';
  // The seed named entries `<type>_<country>_<genre>_<platform>.json`.
  if (name.startsWith('.')) return 'a hidden file';
  if (!name.toLowerCase().endsWith('.json')) return 'not a .json file';
  if (link.size > MAX_ENTRY_FILE_BYTES) return `larger than an entry can be (${MAX_ENTRY_FILE_BYTES / 2 ** 20} MB)`;
  return undefined;
}

export function classifyContent(name: string, bytes: Buffer): FileContent {
  try {
    return { kind: 'entry', entry: parseEntry(bytes) };
  } catch (error) {
    if (!(error instanceof EntryParseFailure)) throw error;
    if (isEntryFileName(name) || triesToBeAnEntry(bytes)) {
      return { kind: 'corrupt', reason: error.reason, detail: error.detail };
    }
    return { kind: 'foreign', detail: error.detail };
  }
}

/** A JSON object with `data` or `metadata` at its top: meant as an entry, so a bad one is corrupt. */
function triesToBeAnEntry(bytes: Buffer): boolean {
  try {
    const document: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof document === 'object' && document !== null && ('data' in document || 'metadata' in document);
  } catch {
    return false;
  }
}
