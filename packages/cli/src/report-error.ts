import { CommanderError, type Command } from 'commander';
import { CliError } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** A usage error commander found, with the command it was parsing (for the hint). */
export class CommandLineError extends Error {
  constructor(
    readonly commanderError: CommanderError,
    readonly command: Command,
  ) {
    super(commanderError.message);
    this.name = 'CommandLineError';
  }
}

export interface ErrorReport {
  readonly exitCode: ExitCodeValue;
  /** The one line to print, or undefined when commander has printed what is needed (help, version). */
  readonly message: string | undefined;
}

/** Cache error codes that mean the user gave something the cache cannot accept. */
const CACHE_USAGE_CODES = new Set([
  'INVALID_MODE',
  'INVALID_QUANTITY',
  'INVALID_PARAMETER',
  'INVALID_DATA_TYPE',
  'INVALID_DIGEST',
]);

/** Map any error to its exit status and the one line a user reads. */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof CommandLineError) return commandLineReport(error);
  if (error instanceof CliError) return { exitCode: error.exitCode, message: oneLine(error.message) };
  const miss = causes(error).find((item) => codeOf(item) === 'CACHE_MISS');
  if (miss) return { exitCode: ExitCode.cacheMiss, message: oneLine((miss as Error).message) };
  if (CACHE_USAGE_CODES.has(codeOf(error) ?? ''))
    return { exitCode: ExitCode.usage, message: oneLine((error as Error).message) };
  if (causes(error).some((item) => item instanceof Error && item.name === 'AbortError')) {
    return { exitCode: ExitCode.interrupted, message: 'Interrupted; what was already cached is kept.' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: ExitCode.failure,
    message: oneLine(message || 'failed without a message (run with --verbose for details)'),
  };
}

function commandLineReport(error: CommandLineError): ErrorReport {
  const { commanderError, command } = error;
  if (commanderError.exitCode === 0) return { exitCode: ExitCode.ok, message: undefined };
  const path = commandPath(command);
  if (commanderError.code === 'commander.help') {
    const names = command.commands.map((sub) => sub.name()).join(', ');
    return { exitCode: ExitCode.usage, message: `'${path}' needs a command: ${names}.` };
  }
  const problem = oneLine(commanderError.message.replace(/^error:\s*/, '')).replace(/\.$/, '');
  if (commanderError.code === 'commander.unknownOption') {
    const accepted = command.options.map((option) => option.long ?? option.short).filter(Boolean);
    const list = accepted.length > 0 ? `; '${path}' accepts ${accepted.join(', ')}` : '';
    return { exitCode: ExitCode.usage, message: `${problem}${list} (see '${path} --help').` };
  }
  return { exitCode: ExitCode.usage, message: `${problem} (see '${path} --help').` };
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let current = error;
    current !== undefined && chain.length < 10;
    current = (current as { cause?: unknown }).cause
  ) {
    chain.push(current);
    if (!(current instanceof Error)) break;
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The stack, and the stacks of its causes, for `--verbose`. */
export function verboseDetail(error: unknown): string {
  return causes(error)
    .map(
      (item, index) =>
        `${index === 0 ? '' : 'caused by: '}${item instanceof Error ? (item.stack ?? item.message) : String(item)}`,
    )
    .join('\n');
}
