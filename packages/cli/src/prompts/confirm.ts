import { askOnTerminal } from './terminal-prompt.js';

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
  return askOnTerminal((context) => ask({ message: question, default: false }, context), {
    input,
    output,
    whenInputEnds: false,
    interrupted: 'Interrupted; nothing was removed.',
  });
}
