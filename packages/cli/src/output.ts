import type { CacheLogger } from '@streamgank/cache';
import { redact } from './secrets.js';

export interface OutputOptions {
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  /** The command prints one JSON document on stdout: every message goes to stderr. */
  readonly json?: boolean;
  readonly secrets?: readonly string[];
}

/**
 * Where a command's words go. The result (a table, a summary, the JSON document) goes to stdout;
 * messages, warnings and progress go to stderr so that `--json` output stays parseable.
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  private readonly secrets: readonly string[];

  constructor(
    options: OutputOptions = {},
    readonly stdout: NodeJS.WriteStream = process.stdout,
    readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.json = options.json ?? false;
    this.quiet = options.quiet ?? false;
    this.verbose = options.verbose ?? false;
    this.secrets = options.secrets ?? [];
  }

  /** Human result lines on stdout (commands print JSON instead when `json` is set). */
  result(text: string): void {
    this.stdout.write(`${this.clean(text)}\n`);
  }

  /** The one JSON document of a `--json` command. */
  document(value: unknown): void {
    this.stdout.write(`${this.clean(JSON.stringify(value, null, 2))}\n`);
  }

  /** Informational message on stderr; `--quiet` hides it. */
  info(text: string): void {
    if (!this.quiet) this.stderr.write(`${this.clean(text)}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`${this.clean(text)}\n`);
  }

  /** Detail for `--verbose`. */
  debug(text: string): void {
    if (this.verbose) this.stderr.write(`${this.clean(text)}\n`);
  }

  /**
   * The cache's own reports. Warnings always (even with `--quiet`): they say something is wrong
   * that the user can fix, such as an unwritable directory or an unreachable Redis. Information
   * only with `--verbose`: it repeats what the commands already say in their own words (a stale
   * entry is the run's "🔄 … generating new …" line).
   */
  cacheLogger(): CacheLogger {
    return {
      warn: (message) => this.warn(`streamgank cache: warning: ${message}`),
      info: (message) => this.debug(`streamgank cache: ${message}`),
    };
  }

  private clean(text: string): string {
    return this.secrets.length > 0 ? redact(text, this.secrets) : text;
  }
}
