import { ExitCode } from './exit-codes.js';
import { createProgram } from './program.js';
import { reportError, verboseDetail } from './report-error.js';
import { redact, secretValuesOf } from './secrets.js';

/** Run `streamgank` with `argv` (without node and the script) and return the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    const { exitCode, message } = reportError(error);
    const verbose = program.opts()['verbose'] === true || argv.includes('--verbose') || argv.includes('-v');
    const secrets = await knownSecrets();
    if (verbose && exitCode !== ExitCode.ok) process.stderr.write(`${redact(verboseDetail(error), secrets)}\n`);
    if (message !== undefined) process.stderr.write(`streamgank: error: ${redact(message, secrets)}\n`);
    return exitCode;
  }
}

/** Keys from the environment and `.env`, so that no error message can show one. */
async function knownSecrets(): Promise<string[]> {
  try {
    const { loadConfig } = await import('./config.js');
    return [...loadConfig({}).secrets];
  } catch {
    return secretValuesOf(process.env);
  }
}
