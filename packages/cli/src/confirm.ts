import { InterruptedError } from './errors.js';

/**
 * Ask a yes/no question on a terminal with @inquirer/confirm (`? question (y/N)`): an answer
 * starting with "y" is a yes, anything else (Enter included) a no. End of input is a no; Ctrl-C
 * stops the command. The prompt is loaded only when a question is asked.
 */
export async function confirm(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  const { default: ask } = await import('@inquirer/confirm');
  // The prompt waits for a key forever once its input has ended; ending it counts as a no. Deferred
  // so that an answer read in the same chunk (`y` then end of input) is resolved first.
  const ended = new AbortController();
  const endOfInput = () => setImmediate(() => ended.abort());
  input.once('end', endOfInput);
  try {
    return await ask({ message: question, default: false }, { input, output, signal: ended.signal });
  } catch (error) {
    // Inquirer's documented way to tell its errors apart is their name.
    const name = error instanceof Error ? error.name : '';
    if (name === 'AbortPromptError') return false;
    if (name === 'ExitPromptError') throw new InterruptedError('Interrupted; nothing was removed.');
    throw error;
  } finally {
    input.off('end', endOfInput);
  }
}
