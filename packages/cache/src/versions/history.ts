import type { CacheContext } from '../context.js';
import type { JsonValue } from '../entries/canonical-json.js';
import { describeInputChanges } from '../entries/fingerprint.js';
import { EntryNotFoundError } from '../errors.js';
import { entryVersions } from './entry-versions.js';

/** One row of `cache history`: a version, who made it, when, at what cost, and what changed in its inputs. */
export interface HistoryVersion {
  readonly version: number;
  readonly id: string | null;
  readonly current: boolean;
  readonly candidate: boolean;
  readonly saved_timestamp: number;
  readonly saved_datetime: string;
  /** When it was replaced by the version above it (seconds); null for the current one. */
  readonly replaced_timestamp: number | null;
  readonly producer: string | null;
  readonly produce_ms: number | null;
  readonly cost_usd: number | null;
  readonly bytes: number;
  readonly data_sha256: string | null;
  /** How its inputs differ from the next older version's (`num_movies: 3 → 5`); empty when they are the same. */
  readonly input_changes: readonly string[];
}

export interface EntryHistory {
  readonly file: string;
  /** The name the history is kept under (the entry's seed name). */
  readonly history_of: string;
  readonly pinned: boolean;
  readonly versions: readonly HistoryVersion[];
}

/** The versions of an entry, newest first. Throws EntryNotFoundError when there is neither a file nor a history. */
export function entryHistory(context: CacheContext, file: string): EntryHistory {
  const found = entryVersions(context, file);
  if (!found) throw new EntryNotFoundError(file, context.directory);
  const versions = found.versions.map((version, index): HistoryVersion => {
    const older = found.versions[index + 1];
    const { metadata } = version.entry;
    const changes = older
      ? describeInputChanges(
          older.entry.metadata.inputs as Record<string, JsonValue> | undefined,
          (metadata.inputs as Record<string, JsonValue> | undefined) ?? {},
        ).filter((change) => !change.startsWith('the fingerprint differs'))
      : [];
    return {
      version: version.version,
      id: version.id ?? null,
      current: version.version === 0,
      candidate: version.candidate,
      saved_timestamp: metadata.saved_timestamp,
      saved_datetime: metadata.saved_datetime,
      replaced_timestamp: version.replaced_ms === undefined ? null : version.replaced_ms / 1000,
      producer: metadata.producer ?? null,
      produce_ms: metadata.produce_ms ?? null,
      cost_usd: metadata.cost_usd ?? null,
      bytes: version.bytes.length,
      data_sha256: metadata.data_sha256 ?? null,
      input_changes: older && older.entry.metadata.inputs_fingerprint === metadata.inputs_fingerprint ? [] : changes,
    };
  });
  return { file, history_of: found.historyOf, pinned: context.pins.isPinned(file), versions };
}
