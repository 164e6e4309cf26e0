import type { BlobDescriber, Cache, EntryDiff, ReplacedEntry } from '@streamgank/cache';
import type { Colors } from '../../../colors.js';
import type { Output } from '../../../output.js';
import { choose, type Choice } from '../../../prompts/choose.js';
import { describeDiff } from './diff-report.js';
import { acceptCandidate, describeDecision, keep, revert, type ReviewDecision } from './review-decisions.js';

type Answer = 'keep' | 'revert' | 'accept' | 'stop';

export interface ReviewWalk {
  readonly cache: Cache;
  readonly output: Output;
  readonly colors: Colors;
  readonly describeBlob: BlobDescriber;
}

const STOP: Choice<Answer> = {
  value: 'stop',
  name: 'stop reviewing',
  description: 'leave this entry and the rest as they are',
};
const INTERRUPTED = 'Interrupted; the entries reviewed so far keep the choices made, the rest are as they were.';

/**
 * Walk the replaced entries on a terminal, as `cargo insta review` walks snapshots: each entry's
 * diff, then keep or revert (for a pinned entry with a candidate: keep the pinned version or accept
 * the candidate). Enter keeps; "stop" or the end of input leaves the rest as they are.
 */
export async function walkReplaced(walk: ReviewWalk, entries: readonly ReplacedEntry[]): Promise<ReviewDecision[]> {
  const decisions: ReviewDecision[] = [];
  for (const [index, entry] of entries.entries()) {
    const when = new Date(entry.replaced_timestamp * 1000).toISOString();
    walk.output.result(walk.colors.bold(`\n[${index + 1}/${entries.length}] ${entry.file}`) + `, replaced ${when}`);
    const decision = await reviewOne(walk, entry);
    if (!decision) {
      decisions.push(
        ...entries
          .slice(index)
          .map((rest): ReviewDecision => ({ file: rest.file, decision: 'not_reviewed', restored_version: null })),
      );
      break;
    }
    walk.output.result(describeDecision(decision, entry));
    decisions.push(decision);
  }
  return decisions;
}

async function reviewOne(walk: ReviewWalk, entry: ReplacedEntry): Promise<ReviewDecision | undefined> {
  // A pinned entry, or one never replaced (pinned when its candidates were made), is about its candidate.
  const candidate = entry.pinned || !entry.previous ? entry.candidates[0] : undefined;
  if (candidate) {
    walk.output.result(
      `Pinned; a run made candidate version ${candidate.version} (saved ${candidate.saved_datetime}${candidate.producer ? ` by ${candidate.producer}` : ''}) instead of replacing it:`,
    );
    await showDiff(walk, entry.file, 0, candidate.version);
    const answer = await ask(walk, `${entry.file} is pinned: keep it, or accept the candidate?`, [
      { value: 'keep', name: 'keep the pinned version', description: 'the candidate stays in the history' },
      {
        value: 'accept',
        name: `accept candidate version ${candidate.version}`,
        description: 'it becomes current and stays pinned',
      },
      STOP,
    ]);
    if (answer === 'stop') return undefined;
    return answer === 'accept' ? acceptCandidate(walk.cache, entry, candidate) : keep(entry);
  }
  const previous = entry.previous;
  if (!previous) return keep(entry, 'never replaced: nothing older to revert to');
  await showDiff(walk, entry.file, previous.version, 0);
  const answer = await ask(walk, `Keep the new version of ${entry.file}?`, [
    { value: 'keep', name: 'keep the new version', description: 'the previous one stays in the history' },
    {
      value: 'revert',
      name: `revert to version ${previous.version} (saved ${previous.saved_datetime})`,
      description: 'the new version goes to the history',
    },
    STOP,
  ]);
  if (answer === 'stop') return undefined;
  return answer === 'revert' ? revert(walk.cache, entry) : keep(entry);
}

async function showDiff(walk: ReviewWalk, file: string, from: number, to: number): Promise<void> {
  const diff: EntryDiff = await walk.cache.diff(file, { from, to, describeBlob: walk.describeBlob });
  walk.output.result(describeDiff(diff, walk.colors));
}

function ask(walk: ReviewWalk, question: string, choices: readonly Choice<Answer>[]): Promise<Answer> {
  return choose(question, choices, { whenInputEnds: 'stop', interrupted: INTERRUPTED, output: walk.output.stderr });
}
