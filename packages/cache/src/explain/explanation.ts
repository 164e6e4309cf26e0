import type { CacheContext } from '../context.js';
import type { JsonValue } from '../entries/canonical-json.js';
import { inputChanges, type FingerprintInputs, type InputChange } from '../entries/fingerprint.js';
import type { EntryMetadata } from '../entries/format.js';
import { canonicalParameter, PARAMETER_NAMES, type EntryParameters } from '../entries/name.js';

/** An entry this one was made from, by name and data digest: its lineage. */
export interface UpstreamEntry {
  readonly data_type: string;
  readonly file: string;
  readonly data_sha256: string;
}

/** An upstream entry that changed since this one was made. */
export interface UpstreamChange {
  readonly data_type: string;
  readonly file: string;
  /** Short digests (12 hex) of its data then and now. */
  readonly before: string | null;
  readonly after: string | null;
}

/** An entry close to one that was missing. */
export interface NearbyEntry {
  readonly file: string;
  readonly parameters: EntryParameters;
  readonly saved_datetime: string;
  /** Which of country, genre and platform differ from the ones asked for. */
  readonly differs: readonly string[];
}

/** A kept version of the missing entry, with how its inputs differ from the ones asked for. */
export interface NearbyVersion {
  readonly version_id: string;
  readonly saved_datetime: string;
  readonly input_changes: readonly string[];
}

/** Why `getOrCreate` served what it served or produced what it produced. */
export type Explanation =
  | {
      readonly kind: 'hit';
      readonly tier: 'local' | 'shared';
      readonly file: string;
      readonly saved_datetime: string;
      readonly edited: boolean;
    }
  | {
      readonly kind: 'no_entry';
      readonly file: string;
      /** The same data type for other parameters, closest first. */
      readonly same_type: readonly NearbyEntry[];
      /** The same parameters with other inputs: versions kept in the entry's history. */
      readonly other_inputs: readonly NearbyVersion[];
      readonly shared?: string;
    }
  | {
      readonly kind: 'stale';
      readonly file: string;
      readonly saved_datetime: string;
      readonly changes: readonly InputChange[];
      readonly upstream: readonly UpstreamChange[];
      readonly shared?: string;
    }
  | {
      readonly kind: 'corrupt';
      readonly file: string;
      readonly reason: string;
      readonly quarantined_to?: string;
      readonly shared?: string;
    }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'off' };

/** Inputs that stand for an upstream entry are named `upstream.<data type>` and hold its data digest. */
export const UPSTREAM_INPUT = 'upstream.';

/** The inputs that record upstream entries: one per data type, its data digest as the value. */
export function upstreamInputs(upstream: readonly UpstreamEntry[]): Record<string, string> {
  return Object.fromEntries(upstream.map((entry) => [`${UPSTREAM_INPUT}${entry.data_type}`, entry.data_sha256]));
}

/** A stale entry's changes, with the upstream ones named by the entries they stand for. */
export function staleExplanation(
  file: string,
  metadata: EntryMetadata,
  inputs: FingerprintInputs,
  upstream: readonly UpstreamEntry[],
): Extract<Explanation, { kind: 'stale' }> {
  const changes = inputChanges(metadata.inputs as Record<string, JsonValue> | undefined, inputs);
  const short = (value: JsonValue | undefined) => (typeof value === 'string' ? value.slice(0, 12) : null);
  const upstreamChanges = changes
    .filter((change) => change.input.startsWith(UPSTREAM_INPUT))
    .map((change): UpstreamChange => {
      const dataType = change.input.slice(UPSTREAM_INPUT.length);
      const recorded = (metadata['upstream'] as UpstreamEntry[] | undefined)?.find(
        (entry) => entry.data_type === dataType,
      );
      const now = upstream.find((entry) => entry.data_type === dataType);
      return {
        data_type: dataType,
        file: now?.file ?? recorded?.file ?? dataType,
        before: short(change.before),
        after: short(change.after),
      };
    });
  return {
    kind: 'stale',
    file,
    saved_datetime: metadata.saved_datetime,
    changes: changes.filter((change) => !change.input.startsWith(UPSTREAM_INPUT)),
    upstream: upstreamChanges,
  };
}

/** What exists near a missing entry: the same type for other parameters, and kept versions of it. */
export function noEntryExplanation(
  context: CacheContext,
  file: string,
  dataType: string,
  parameters: EntryParameters,
  inputs: FingerprintInputs,
): Extract<Explanation, { kind: 'no_entry' }> {
  const view = context.index.view();
  const nearby: (NearbyEntry & { score: number; saved: number })[] = [];
  view.forEachRow((row) => {
    if (view.table.kind(row) !== 'entry' || view.table.dataType(row) !== dataType) return;
    const found = view.table.parameters(row);
    const differs = PARAMETER_NAMES.filter(
      (name) => canonicalParameter(found[name]) !== canonicalParameter(parameters[name]),
    );
    if (differs.length === 0) return;
    nearby.push({
      file: view.table.file(row),
      parameters: found,
      saved_datetime: view.table.datetime(row),
      differs,
      score: differs.length,
      saved: view.table.savedTimestamp(row),
    });
  });
  nearby.sort((a, b) => a.score - b.score || b.saved - a.saved);
  const otherInputs = context.versions
    .list(file)
    .slice(0, 3)
    .flatMap((stored): NearbyVersion[] => {
      try {
        const metadata = (
          JSON.parse(context.versions.read(stored)?.toString('utf8') ?? '') as { metadata: EntryMetadata }
        ).metadata;
        const changes = inputChanges(metadata.inputs as Record<string, JsonValue> | undefined, inputs).map(
          (change) => change.text,
        );
        return [{ version_id: stored.id, saved_datetime: metadata.saved_datetime, input_changes: changes }];
      } catch {
        return [];
      }
    });
  return {
    kind: 'no_entry',
    file,
    same_type: nearby.slice(0, 3).map(({ score: _score, saved: _saved, ...entry }) => entry),
    other_inputs: otherInputs,
  };
}

/** One line for a person: what the explanation says. */
export function explanationText(explanation: Explanation): string {
  switch (explanation.kind) {
    case 'hit':
      return `hit: ${explanation.file} (saved ${explanation.saved_datetime}${explanation.tier === 'shared' ? ', from the shared tier' : ''}${explanation.edited ? ', edited by hand' : ''})`;
    case 'refresh':
      return 'produced: a refresh was asked for';
    case 'off':
      return 'produced: the cache is off';
    case 'corrupt':
      return `produced: ${explanation.file} was corrupt (${explanation.reason})${explanation.quarantined_to ? `; it was moved to ${explanation.quarantined_to}` : ''}`;
    case 'stale': {
      const parts = [
        ...explanation.changes.map((change) => change.text),
        ...explanation.upstream.map(
          (change) =>
            `upstream ${change.file} changed (sha256:${change.before ?? '-'} → sha256:${change.after ?? '-'})`,
        ),
      ];
      return `produced: ${explanation.file} was stale: ${parts.join('; ') || 'its fingerprint changed'}`;
    }
    case 'no_entry': {
      const near = explanation.same_type.map((entry) => `${entry.file} (other ${entry.differs.join(', ')})`);
      const versions = explanation.other_inputs.map(
        (version) => `version ${version.version_id} (${version.input_changes.join('; ') || 'same inputs'})`,
      );
      const nearest = [...near, ...versions];
      return `produced: no entry ${explanation.file}${nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : ''}`;
    }
  }
}
