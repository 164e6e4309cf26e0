import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from './confirm.js';

function ask(answer: string | null) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const reply = confirm('Remove all 3 entries? [y/N] ', input, output);
  if (answer === null) input.end();
  else input.write(answer);
  return reply.then((yes) => ({ yes, shown }));
}

describe('confirm', () => {
  it.each(['y\n', 'Y\n', 'yes\n', ' YES \n'])('takes %j as a yes', async (answer) => {
    await expect(ask(answer)).resolves.toEqual({ yes: true, shown: 'Remove all 3 entries? [y/N] ' });
  });

  it.each(['\n', 'n\n', 'no\n', 'yep\n', 'sure\n'])('takes %j as a no', async (answer) => {
    expect((await ask(answer)).yes).toBe(false);
  });

  it('takes the end of input as a no', async () => {
    expect((await ask(null)).yes).toBe(false);
  });
});
