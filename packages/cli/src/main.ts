import { ExitCode } from './exit-codes.js';
import { createProgram } from './program.js';
import { reportError, verboseDetail } from './report-error.js';
import { redact, redisUrlSecrets, secretValuesOf, usable } from './secrets.js';
import { joinShadowedOptions } from './shadowed-options.js';

/** Run `streamgank` with `argv` (without node and the script) and return the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(joinShadowedOptions(program, argv), { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    const { exitCode, message } = reportError(error);
    const verbose = program.opts()['verbose'] === true || argv.includes('--verbose') || argv.includes('-v');
    const secrets = await knownSecrets(argv);
    if (verbose && exitCode !== ExitCode.ok) process.stderr.write(`${redact(verboseDetail(error), secrets)}\n`);
    if (message !== undefined) process.stderr.write(`streamgank: error: ${redact(message, secrets)}\n`);
    return exitCode;
  }
}

/**
 * Keys from the environment and `.env`, and the password of a `--redis-url`, so that no error
 * message can show one. Read from `argv` itself: the error may be that the command line did not parse.
 */
async function knownSecrets(argv: readonly string[]): Promise<string[]> {
  const fromFlag = redisUrlArguments(argv).flatMap(redisUrlSecrets);
  try {
    const { loadConfig } = await import('./config.js');
    return usable([...loadConfig({}).secrets, ...fromFlag]);
  } catch {
    return usable([...secretValuesOf(process.env), ...fromFlag]);
  }
}

/** Every value given to `--redis-url` (`--redis-url URL` or `--redis-url=URL`). */
function redisUrlArguments(argv: readonly string[]): string[] {
  return argv.flatMap((argument, index) => {
    if (argument === '--redis-url') return argv[index + 1] ?? [];
    return argument.startsWith('--redis-url=') ? argument.slice('--redis-url='.length) : [];
  });
}
