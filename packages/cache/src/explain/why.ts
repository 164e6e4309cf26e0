import type { CacheContext } from '../context.js';
import type { JsonValue } from '../entries/canonical-json.js';
import { inspectEntry } from '../entries/inspect.js';
import { EntryNotFoundError } from '../errors.js';

/** An entry in a lineage tree: what it is, and what it was made from. */
export interface LineageNode {
  readonly file: string;
  readonly data_type: string;
  /** Short digest (12 hex) of the data it was made from, as recorded by the entry that used it. */
  readonly data_sha256: string | null;
  /** False when the file is no longer in the cache. */
  readonly present: boolean;
  readonly upstream: readonly LineageNode[];
}

/** `cache why`: what an entry was made from, by whom, when, at what cost, and what depends on it. */
export interface EntryWhy {
  readonly file: string;
  readonly data_type: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, JsonValue>>;
  readonly inputs_fingerprint: string | null;
  readonly producer: string | null;
  readonly saved_timestamp: number;
  readonly saved_datetime: string;
  readonly produce_ms: number | null;
  readonly cost_usd: number | null;
  readonly usage: Readonly<Record<string, number>> | null;
  readonly status: string;
  readonly pinned: boolean;
  /** What it was made from, as a tree (each upstream entry with its own upstream). */
  readonly upstream: readonly LineageNode[];
  /** The entries made from it. */
  readonly dependents: readonly string[];
}

const MAX_DEPTH = 10;

export function explainEntry(context: CacheContext, file: string): EntryWhy {
  const inspected = inspectEntry(context, file);
  if (!inspected?.metadata) throw new EntryNotFoundError(file, context.directory);
  const { metadata } = inspected;
  const view = context.index.view();
  const dependents: string[] = [];
  view.forEachRow((row) => {
    if (view.table.upstream(row).includes(file)) dependents.push(view.table.file(row));
  });
  return {
    file,
    data_type: metadata.data_type,
    parameters: {
      country: metadata.parameters.country,
      genre: metadata.parameters.genre,
      platform: metadata.parameters.platform,
    },
    inputs: (metadata.inputs as Record<string, JsonValue> | undefined) ?? {},
    inputs_fingerprint: metadata.inputs_fingerprint ?? null,
    producer: metadata.producer ?? null,
    saved_timestamp: metadata.saved_timestamp,
    saved_datetime: metadata.saved_datetime,
    produce_ms: metadata.produce_ms ?? null,
    cost_usd: metadata.cost_usd ?? null,
    usage: metadata.usage ?? null,
    status: inspected.status,
    pinned: inspected.pinned,
    upstream: lineage(context, metadata.upstream ?? [], 0, new Set([file])),
    dependents: dependents.sort(),
  };
}

function lineage(
  context: CacheContext,
  upstream: readonly { data_type: string; file: string; data_sha256: string }[],
  depth: number,
  seen: Set<string>,
): LineageNode[] {
  return upstream.map((entry) => {
    const inspected = depth < MAX_DEPTH && !seen.has(entry.file) ? inspectEntry(context, entry.file) : undefined;
    const next = new Set(seen).add(entry.file);
    return {
      file: entry.file,
      data_type: entry.data_type,
      data_sha256: entry.data_sha256.slice(0, 12),
      present: inspected !== undefined,
      upstream: inspected?.metadata?.upstream ? lineage(context, inspected.metadata.upstream, depth + 1, next) : [],
    };
  });
}
