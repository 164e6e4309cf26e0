import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePng } from '@streamgank/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { describeMedia, MediaToolError } from '../index.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { resolveMediaTools } from './binaries.js';
import { runFfmpeg } from './ffmpeg.js';

const dirs = tempDirs('streamgank-describe');
afterAll(() => dirs.cleanup());

describe('describeMedia', () => {
  it('gives a poster its size and codec, and no duration', async () => {
    const poster = join(dirs.make(), 'poster.png');
    writeFileSync(poster, makePng(60, 90));
    expect(await describeMedia(poster)).toEqual({ width: 60, height: 90, codecs: ['png'] });
  });

  it('gives a clip its duration, size and codecs, video first', async () => {
    const clip = join(dirs.make(), 'clip.mp4');
    await runFfmpeg({
      tools: resolveMediaTools(process.env),
      inputs: [
        { source: 'testsrc2=s=120x180:r=12:d=1.5', options: ['-f', 'lavfi'] },
        { source: 'sine=f=440:r=48000:d=1.5', options: ['-f', 'lavfi'] },
      ],
      outputOptions: ['-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      output: clip,
    });
    const facts = await describeMedia(clip);
    expect(facts).toMatchObject({ width: 120, height: 180, codecs: ['h264', 'aac'] });
    expect(facts.duration_seconds).toBeCloseTo(1.5, 1);
  });

  it('throws a MediaToolError for a file ffprobe cannot read', async () => {
    const text = join(dirs.make(), 'notes.bin');
    writeFileSync(text, Buffer.from([0, 1, 2, 3, 4, 5]));
    await expect(describeMedia(text)).rejects.toBeInstanceOf(MediaToolError);
  });
});
