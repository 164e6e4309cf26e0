import type { EntryWhy, LineageNode } from '@streamgank/cache';
import type { Command } from 'commander';
import type { Tree } from 'object-treeify';
import { commandContext, withCache } from '../../../command-context.js';
import { formatDuration, formatUsd } from '../../../format.js';
import { entryFileArgument } from '../entry-argument.js';

/** `cache why <entry-file>`: what an entry was made from, by whom, when, at what cost, and what uses it. */
export default async function explainEntry(file: string, _flags: unknown, command: Command): Promise<void> {
  const context = commandContext(command);
  const why = await withCache(context, (cache) => cache.why(entryFileArgument(cache, file)));
  if (context.output.json) return context.output.document(why);
  context.output.result(await describeWhy(why));
}

async function describeWhy(why: EntryWhy): Promise<string> {
  const { country, genre, platform } = why.parameters;
  const inputs = Object.entries(why.inputs);
  const produced = [
    why.producer ? `by ${why.producer}` : 'by an unrecorded producer',
    why.produce_ms === null ? undefined : `in ${formatDuration(why.produce_ms)}`,
    `saved ${why.saved_datetime}`,
  ].filter(Boolean);
  const usage = why.usage ? Object.entries(why.usage).map(([name, value]) => `${name} ${value}`) : [];
  const lines = [
    `Entry:       ${why.file} (${why.status}${why.pinned ? ', pinned' : ''})`,
    `Data type:   ${why.data_type}`,
    `Parameters:  ${country} / ${genre} / ${platform}`,
    `Inputs:      ${inputs.length > 0 ? inputs.map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join(', ') : 'none recorded'}`,
    `Fingerprint: ${why.inputs_fingerprint ?? 'none (a legacy entry)'}`,
    `Produced:    ${produced.join(', ')}`,
    `Cost:        ${why.cost_usd === null ? 'none recorded' : formatUsd(why.cost_usd)}${usage.length > 0 ? ` (${usage.join(', ')})` : ''}`,
  ];
  if (why.upstream.length > 0) {
    const { default: treeify } = await import('object-treeify');
    lines.push(
      'Made from:',
      ...treeify(lineageTree(why.upstream))
        .split('\n')
        .map((line) => `  ${line}`),
    );
  } else {
    lines.push('Made from:   no other entry');
  }
  lines.push(`Used by:     ${why.dependents.length > 0 ? why.dependents.join(', ') : 'no other entry'}`);
  return lines.join('\n');
}

/** The lineage as object-treeify draws it: each entry a label, its own upstream below it. */
function lineageTree(nodes: readonly LineageNode[]): Tree {
  return Object.fromEntries(
    nodes.map((node) => {
      const digest = node.data_sha256 ? `, sha256:${node.data_sha256}` : '';
      const label = `${node.file} (${node.data_type}${digest})${node.present ? '' : ' (no longer cached)'}`;
      return [label, node.upstream.length > 0 ? lineageTree(node.upstream) : null];
    }),
  );
}
