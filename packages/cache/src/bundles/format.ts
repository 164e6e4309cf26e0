import * as z from 'zod/mini';
import { isEntryFileName } from '../entries/name.js';

/**
 * A bundle is a gzipped tar archive holding, in this order:
 *   manifest.json            what the bundle holds (format, entries with their digests, blobs)
 *   entries/<entry file>     each entry file, byte for byte as in the cache
 *   blobs/<sha256>           each blob the entries refer to
 * Nothing else: an importer refuses any other member.
 */
/** The name and version a bundle's manifest declares. */
export const BUNDLE_FORMAT = 'streamgank-cache-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export const MANIFEST_MEMBER = 'manifest.json';

/** Entries and manifests are read into memory; anything bigger than this is not one of ours. */
export const MAX_ENTRY_MEMBER_BYTES = 32 * 1024 * 1024;
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  format_version: z.int().check(z.positive()),
  created_timestamp: z.number(),
  created_datetime: z.string(),
  entries: z.array(
    z.object({
      file: z.string().check(z.refine(isEntryFileName, 'not an entry file name')),
      data_type: z.string(),
      parameters: z.object({ country: z.string(), genre: z.string(), platform: z.string() }),
      saved_timestamp: z.number(),
      bytes: z.int().check(z.nonnegative()),
      sha256: sha256Hex,
      blobs: z.array(sha256Hex),
    }),
  ),
  blobs: z.array(z.object({ sha256: sha256Hex, bytes: z.int().check(z.nonnegative()), media_type: z.string() })),
});

export type BundleManifest = z.infer<typeof manifestSchema>;

export const entryMember = (file: string) => `entries/${file}`;
export const blobMember = (sha256: string) => `blobs/${sha256}`;

export type MemberKind =
  | { readonly kind: 'manifest' }
  | { readonly kind: 'entry'; readonly file: string }
  | { readonly kind: 'blob'; readonly sha256: string }
  | { readonly kind: 'directory' }
  | { readonly kind: 'refused'; readonly reason: string };

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * What an archive member is, from its type and name alone. The name is only ever matched, never
 * used as a path: an importer computes where things go from the entry's own metadata and the
 * blob's digest, so no member can land outside the cache whatever it is called.
 */
export function classifyMember(path: string, type: string, linkpath?: string): MemberKind {
  if (type === 'SymbolicLink' || type === 'Link') {
    const what = type === 'Link' ? 'hard link' : 'symbolic link';
    return { kind: 'refused', reason: `a ${what}${linkpath ? ` to ${linkpath}` : ''}; bundles hold plain files only` };
  }
  const name = path.startsWith('./') ? path.slice(2) : path;
  if (/^\/|^[a-zA-Z]:[\\/]|^\\\\/.test(path)) return { kind: 'refused', reason: 'an absolute path, outside the cache' };
  if (name.split(/[\\/]/).includes('..')) return { kind: 'refused', reason: 'a path leading out of the cache (..)' };
  if (type === 'Directory') {
    return name === 'entries/' ||
      name === 'blobs/' ||
      name === 'entries' ||
      name === 'blobs' ||
      name === '' ||
      name === '.'
      ? { kind: 'directory' }
      : { kind: 'refused', reason: 'an unexpected directory' };
  }
  if (!FILE_TYPES.has(type)) return { kind: 'refused', reason: `a ${type} member; bundles hold plain files only` };
  if (name === MANIFEST_MEMBER) return { kind: 'manifest' };
  const entry = /^entries\/([^/\\]+)$/.exec(name);
  if (entry?.[1] !== undefined && isEntryFileName(entry[1])) return { kind: 'entry', file: entry[1] };
  const blob = /^blobs\/([0-9a-f]{64})$/.exec(name);
  if (blob?.[1] !== undefined) return { kind: 'blob', sha256: blob[1] };
  return {
    kind: 'refused',
    reason: 'an unexpected name (expected manifest.json, entries/<entry>.json or blobs/<sha256>)',
  };
}
