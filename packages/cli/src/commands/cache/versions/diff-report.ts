import type { BlobChange, BlobFacts, DataChange, EntryDiff } from '@streamgank/cache';
import type { Colors } from '../../../colors.js';
import { formatBytes, renderTable } from '../../../format.js';
import { renderTextDiff } from './text-diff.js';

const SHORT_VALUE_CHARS = 100;

/** `cache diff` for a person: what changed in the inputs, the data path by path, and the media side by side. */
export function describeDiff(diff: EntryDiff, colors: Colors): string {
  const side = (end: EntryDiff['from']) => `version ${end.version} (saved ${end.saved_datetime})`;
  const lines = [colors.bold(`${diff.file}: ${side(diff.from)} → ${side(diff.to)}`)];
  if (diff.input_changes.length > 0) lines.push(`Inputs changed: ${diff.input_changes.join('; ')}`);
  if (diff.identical) {
    lines.push('The two versions hold the same data and the same media.');
    return lines.join('\n');
  }
  if (diff.data.length > 0) {
    lines.push(`Data: ${count(diff.data.length, 'path')} changed`);
    for (const change of diff.data) lines.push(describeChange(change, colors));
  } else {
    lines.push('Data: the same');
  }
  if (diff.blobs.length > 0) {
    lines.push(`Media: ${count(diff.blobs.length, 'blob')} side by side`);
    for (const pair of diff.blobs) lines.push(describePair(pair, diff, colors));
  }
  return lines.join('\n');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function shortValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHORT_VALUE_CHARS ? `${text.slice(0, SHORT_VALUE_CHARS - 1)}…` : text;
}

function describeChange(change: DataChange, colors: Colors): string {
  if (change.kind === 'added') return colors.green(`  + ${change.path}: ${shortValue(change.after)}`);
  if (change.kind === 'removed') return colors.red(`  - ${change.path}: ${shortValue(change.before)}`);
  if (change.text) return `  ~ ${change.path}:\n${renderTextDiff(change.text, colors, '      ')}`;
  return `  ~ ${change.path}: ${colors.red(shortValue(change.before))} → ${colors.green(shortValue(change.after))}`;
}

const FACTS: readonly { readonly name: string; readonly value: (facts: BlobFacts) => string }[] = [
  { name: 'kind', value: (facts) => facts.kind },
  { name: 'media type', value: (facts) => facts.media_type },
  { name: 'bytes', value: (facts) => formatBytes(facts.bytes) },
  { name: 'size', value: (facts) => (facts.width === undefined ? '-' : `${facts.width}x${facts.height ?? '?'}`) },
  {
    name: 'duration',
    value: (facts) => (facts.duration_seconds === undefined ? '-' : `${facts.duration_seconds.toFixed(2)} s`),
  },
  { name: 'codecs', value: (facts) => (facts.codecs && facts.codecs.length > 0 ? facts.codecs.join(', ') : '-') },
  { name: 'sha256', value: (facts) => `${facts.sha256.slice(0, 12)}…${facts.present ? '' : ' (missing)'}` },
];

/** One blob of each version, facts in rows, the two versions in columns. */
function describePair(pair: BlobChange, diff: EntryDiff, colors: Colors): string {
  const type = pair.after?.media_type ?? pair.before?.media_type ?? 'blob';
  const verdict = !pair.before
    ? colors.green('added')
    : !pair.after
      ? colors.red('removed')
      : pair.bytes_changed
        ? colors.yellow('bytes changed')
        : 'same bytes';
  const none = () => '-';
  const table = renderTable(FACTS, [
    { header: '', value: (fact) => fact.name },
    {
      header: `VERSION ${diff.from.version}`,
      value: (fact) => (pair.before ? fact.value(pair.before) : none()),
    },
    { header: `VERSION ${diff.to.version}`, value: (fact) => (pair.after ? fact.value(pair.after) : none()) },
  ]);
  return [`  ${type}: ${verdict}`, ...table.split('\n').map((line) => `    ${line}`)].join('\n');
}
