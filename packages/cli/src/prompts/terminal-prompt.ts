import { InterruptedError } from '../errors.js';

/** What an @inquirer prompt is given to talk to: the terminal's streams and a way to stop it. */
export interface PromptContext {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly signal: AbortSignal;
}

export interface TerminalPromptOptions<T> {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The answer when the input ends before one is given (the prompt alone would wait forever). */
  readonly whenInputEnds: T;
  /** The line printed when Ctrl-C stops the command (exit 130). */
  readonly interrupted: string;
}

/**
 * Run one @inquirer prompt: the end of input gives `whenInputEnds`, and Ctrl-C stops the command
 * with an InterruptedError. Inquirer's documented way to tell its errors apart is their name.
 */
export async function askOnTerminal<T>(
  prompt: (context: PromptContext) => Promise<T>,
  options: TerminalPromptOptions<T>,
): Promise<T> {
  const { input, output } = options;
  // Deferred so that an answer read in the same chunk (`y` then end of input) is resolved first.
  const ended = new AbortController();
  const endOfInput = () => setImmediate(() => ended.abort());
  input.once('end', endOfInput);
  try {
    return await prompt({ input, output, signal: ended.signal });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'AbortPromptError') return options.whenInputEnds;
    if (name === 'ExitPromptError') throw new InterruptedError(options.interrupted);
    throw error;
  } finally {
    input.off('end', endOfInput);
  }
}
