import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { confirm } from './confirm.js';

function ask(answer: string | null) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const reply = confirm('Remove all 3 entries?', input, output);
  if (answer === null) input.end();
  else input.end(answer);
  return reply.then((yes) => ({ yes, shown: stripVTControlCharacters(shown) }));
}

describe('confirm', () => {
  it.each(['y\n', 'Y\n', 'yes\n', 'YES\n', 'yep\n'])('takes %j as a yes', async (answer) => {
    const { yes, shown } = await ask(answer);
    expect(yes).toBe(true);
    expect(shown).toContain('Remove all 3 entries? (y/N)');
  });

  it.each(['\n', 'n\n', 'no\n', 'sure\n'])('takes %j as a no', async (answer) => {
    expect((await ask(answer)).yes).toBe(false);
  });

  it('takes the end of input as a no', async () => {
    expect((await ask(null)).yes).toBe(false);
  });

  it('stops the command on Ctrl-C', async () => {
    await expect(ask('\u0003')).rejects.toMatchObject({ name: 'InterruptedError', exitCode: 130 });
  });
});
