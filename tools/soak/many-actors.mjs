// `npm run soak [-- --minutes 10 --actors 4]`: the many-actors run of the cache's system test, for
// longer. Several processes save, load, clear, prune, verify, import and export on one cache
// directory while an outside hand renames other machines' versions over entries, copies files in,
// deletes and edits some; then an oracle reads the directory from scratch and checks the cache.
// Prints the counts and every problem; exits 1 when there is any.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE_DIST, WORKSPACE, printTable } from '../bench/bench-support.mjs';

const USAGE = `Usage: npm run soak -- [--minutes N] [--actors N] [--rounds N] [--seed N]

  --minutes N  how long in all (default 5)
  --actors N   processes working on one cache directory, beside the outside hand (default 4)
  --rounds N   fresh directories the minutes are split over, each checked by the oracle (default 1)
  --seed N     the random seed of the first round, to replay a run (default: from the clock)
`;

const values = parsedOptions();

/** The options, or a line naming what is wrong and exit 2, as the CLI does. */
function parsedOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        minutes: { type: 'string', default: '5' },
        actors: { type: 'string', default: '4' },
        rounds: { type: 'string', default: '1' },
        seed: { type: 'string', default: String(Date.now() % 100_000) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    refuse(error.message);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const positive = { minutes: false, actors: true, rounds: true };
  for (const [name, whole] of Object.entries(positive)) {
    const value = Number(parsed[name]);
    if (!(value > 0) || (whole && !Number.isInteger(value)))
      refuse(`--${name} must be a positive ${whole ? 'whole ' : ''}number, not "${parsed[name]}"`);
  }
  if (!Number.isInteger(Number(parsed.seed))) refuse(`--seed must be a whole number, not "${parsed.seed}"`);
  return parsed;
}

function refuse(message) {
  process.stderr.write(`soak: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const { runManyActors } = await import(
  join(WORKSPACE, 'packages', 'cache', 'src', 'test-support', 'many-actors', 'run.mjs')
);
const totals = { operations: {}, hand: {}, entries_checked: 0, problems: [] };
const add = (into, from) => {
  for (const [what, n] of Object.entries(from)) into[what] = (into[what] ?? 0) + n;
};
const rounds = Number(values.rounds);
for (let round = 0; round < rounds; round += 1) {
  const root = mkdtempSync(join(tmpdir(), 'streamgank-soak-'));
  const seconds = (Number(values.minutes) * 60) / rounds;
  console.log(
    `round ${round + 1}/${rounds}: ${values.actors} actors and an outside hand for ${seconds.toFixed(0)} s (seed ${Number(values.seed) + round})`,
  );
  const summary = await runManyActors({
    distEntry: CACHE_DIST,
    root,
    seconds,
    actors: Number(values.actors),
    seed: Number(values.seed) + round,
  });
  add(totals.operations, summary.operations);
  add(totals.hand, summary.hand);
  totals.entries_checked += summary.entries_checked;
  totals.problems.push(...summary.problems);
  if (summary.problems.length === 0) rmSync(root, { recursive: true, force: true });
  else console.log(`  problems found; the directory is kept for you: ${root}`);
}
const operations = Object.values(totals.operations).reduce((a, b) => a + b, 0);
const acts = Object.values(totals.hand).reduce((a, b) => a + b, 0);
printTable(
  'Soak: many actors on one cache directory',
  ['what', 'count'],
  [
    ...Object.entries(totals.operations)
      .sort()
      .map(([what, n]) => [`actors: ${what}`, String(n)]),
    ...Object.entries(totals.hand)
      .sort()
      .map(([what, n]) => [`outside hand: ${what}`, String(n)]),
    ['operations in all', String(operations + acts)],
    ['entries checked by the oracle', String(totals.entries_checked)],
    ['problems', String(totals.problems.length)],
  ],
);
for (const problem of totals.problems) console.log(JSON.stringify(problem));
process.exitCode = totals.problems.length === 0 ? 0 : 1;
