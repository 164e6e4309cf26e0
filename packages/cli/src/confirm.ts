import { createInterface } from 'node:readline';
import { InterruptedError } from './errors.js';

/**
 * Ask a yes/no question on a terminal; only "y" or "yes" is a yes. End of input is a no;
 * Ctrl-C stops the command.
 */
export function confirm(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const prompt = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      prompt.close();
      outcome();
    };
    prompt.on('SIGINT', () => finish(() => reject(new InterruptedError('Interrupted; nothing was removed.'))));
    prompt.on('close', () => finish(() => resolve(false)));
    prompt.question(question, (answer) => finish(() => resolve(/^\s*y(es)?\s*$/i.test(answer))));
  });
}
