import { CACHE_ERROR_CODES, type ErrorCategory } from '@streamgank/cache';
import { DASHBOARD_ERROR_CODES } from '@streamgank/dashboard/errors';
import { PIPELINE_ERROR_CODES } from '@streamgank/pipeline/errors';
import { CommanderError, type Command } from 'commander';
import { CLI_ERROR_CODES } from './errors.js';
import { EXIT_CODE_BY_CATEGORY, ExitCode, type ExitCodeValue } from './exit-codes.js';

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

/**
 * The error code tables of the packages the CLI runs, as they export them (the pipeline's and the
 * dashboard's from their light `/errors` entry points, so that reporting an error loads neither).
 */
export const ERROR_CODE_TABLES: Readonly<Record<string, Readonly<Record<string, ErrorCategory>>>> = Object.freeze({
  cache: CACHE_ERROR_CODES,
  pipeline: PIPELINE_ERROR_CODES,
  dashboard: DASHBOARD_ERROR_CODES,
  cli: CLI_ERROR_CODES,
});

const CATEGORY_BY_CODE: ReadonlyMap<string, ErrorCategory> = new Map(
  Object.values(ERROR_CODE_TABLES).flatMap((table) => Object.entries(table)),
);

/**
 * Map any error to its exit status and the one line a user reads, by the category its code has in
 * the tables. A wrapper such as a failed step is a `failure` that says where; the first error in
 * the chain of causes with another category (a readonly miss, bad input, an interruption) decides
 * the status and gives the line, since it says what to do.
 */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof CommandLineError) return commandLineReport(error);
  const telling =
    causes(error).find((item) => {
      const category = categoryOf(item);
      return category !== undefined && category !== 'failure';
    }) ?? error;
  const message = telling instanceof Error ? telling.message : String(telling);
  return {
    exitCode: EXIT_CODE_BY_CATEGORY[categoryOf(telling) ?? 'failure'],
    message: oneLine(message || 'failed without a message (run with --verbose for details)'),
  };
}

function categoryOf(error: unknown): ErrorCategory | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? CATEGORY_BY_CODE.get(code) : undefined;
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
