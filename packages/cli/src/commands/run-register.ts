import { InvalidArgumentError, type Command } from 'commander';
import { lazyAction, withExamples } from '../help.js';

function wholeNumberOfMovies(value: string): number {
  const count = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(Number.isSafeInteger(count) && count >= 1))
    throw new InvalidArgumentError('Use a whole number of at least 1, e.g. 3.');
  return count;
}

export function registerRunCommand(program: Command): void {
  const run = program
    .command('run')
    .description(
      'make a video: the seven steps (catalog, scripts, assets, narration, scroll, assembly), each through the cache',
    )
    .requiredOption('--country <country>', 'the catalog country, e.g. US or FR')
    .requiredOption('--genre <genre>', 'the genre as the catalog names it, e.g. Horror or Horreur')
    .requiredOption('--platform <platform>', 'the streaming platform, e.g. Netflix')
    .option('--content-type <type>', 'the kind of title, e.g. Film (the default) or Série')
    .option('--num-movies <n>', 'how many titles the video shows (default 3)', wholeNumberOfMovies)
    .option(
      '--language <code>',
      "what the scripts, voice and captions speak: en, fr or de (default: STREAMGANK_LANGUAGE, else the country's)",
    )
    .option(
      '--voice <name>',
      'the voice: an eSpeak NG variant such as m3 or f2, or an OpenAI voice such as alloy (default: STREAMGANK_VOICE)',
    )
    .option(
      '--out <dir>',
      'where the video, run.json and scripts go (default: videos/<country>_<genre>_<platform> here)',
    )
    .option('--cache-mode <mode>', 'readwrite (default), readonly (never produce), refresh (always produce) or off')
    .option('--refresh <data_type...>', 'produce these steps again even when cached, e.g. scripts assets (or all)')
    .option('--skip-scroll', 'leave out the scroll overlay step')
    .option('--explain', 'say under each step why it was served or produced (what was missing, stale or corrupt)')
    .option('--json', 'print the run report as one JSON document on stdout; step lines go to stderr')
    .action(lazyAction(() => import('./run.js')));
  withExamples(run, [
    'streamgank run --country US --genre Horror --platform Netflix',
    'streamgank run --country US --genre Horror --platform Netflix --num-movies 2 --explain',
    'streamgank run --country FR --genre Horreur --platform Netflix --num-movies 5',
    'streamgank run --country CA --genre Horror --platform Netflix --language fr --voice f2',
    'streamgank run --country US --genre Horror --platform Netflix --refresh scripts',
    'streamgank run --country US --genre Horror --platform Netflix --cache-mode readonly --json',
  ]);
}
