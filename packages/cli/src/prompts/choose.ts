import { askOnTerminal } from './terminal-prompt.js';

export interface Choice<T extends string> {
  readonly value: T;
  /** What the menu shows. */
  readonly name: string;
  /** Shown under the menu while this choice is highlighted. */
  readonly description?: string;
}

export interface ChooseOptions<T extends string> {
  /** The answer when the input ends before one is chosen. */
  readonly whenInputEnds: T;
  /** The line printed when Ctrl-C stops the command (exit 130). */
  readonly interrupted: string;
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
}

/**
 * A menu on a terminal with @inquirer/select: arrow keys (or the choice's number) and Enter pick
 * one; the first is highlighted. Loaded only when a question is asked.
 */
export async function choose<T extends string>(
  question: string,
  choices: readonly Choice<T>[],
  options: ChooseOptions<T>,
): Promise<T> {
  const { default: select } = await import('@inquirer/select');
  return askOnTerminal((context) => select<T>({ message: question, choices: [...choices] }, context), {
    input: options.input ?? process.stdin,
    output: options.output ?? process.stderr,
    whenInputEnds: options.whenInputEnds,
    interrupted: options.interrupted,
  });
}
