import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Movie } from '../catalog/movie.js';
import { resolveMediaTools } from '../media/binaries.js';
import { runFfmpeg } from '../media/ffmpeg.js';
import { packagedFonts } from '../media/fonts.js';
import type { RenderContext } from '../render/render-context.js';
import { ffprobe } from '../test-support/probe.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { cutClip } from './clip.js';
import { findTrailer, GENERATED_TRAILER_VERSION, slugOf } from './trailer.js';

const dirs = tempDirs('streamgank-clip');
afterAll(() => dirs.cleanup());

const movie: Movie = {
  id: 40025,
  title: "Don't Look Up",
  year: 2021,
  imdb: '7.2/10 (620,000 votes)',
  imdb_score: 7.2,
  imdb_votes: 620000,
  runtime: '138 min',
  platform: 'Netflix',
  genres: ['Comedy'],
  content_type: 'Film',
  country_code: 'US',
};

function context(): RenderContext {
  return { tools: resolveMediaTools(process.env), fonts: packagedFonts(), workDir: dirs.make() };
}

async function expectPortraitClip(path: string): Promise<void> {
  const probe = await ffprobe(path);
  expect(probe.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
    codec_name: 'h264',
    width: 1080,
    height: 1920,
  });
  expect(probe.streams.find((stream) => stream.codec_type === 'audio')).toMatchObject({
    codec_name: 'aac',
    sample_rate: '48000',
  });
  expect(probe.duration).toBeGreaterThan(9.9);
  expect(probe.duration).toBeLessThan(10.1);
}

describe('trailers and clips', () => {
  it('finds a local trailer by id or by title, and otherwise generates one', () => {
    const dir = dirs.make();
    expect(findTrailer(movie, dir)).toEqual({ kind: 'generated', identity: GENERATED_TRAILER_VERSION });
    expect(findTrailer(movie, undefined).kind).toBe('generated');
    writeFileSync(join(dir, `${slugOf(movie.title)}.mp4`), 'x');
    expect(slugOf(movie.title)).toBe('dont-look-up');
    expect(findTrailer(movie, dir)).toMatchObject({
      kind: 'file',
      path: join(dir, 'dont-look-up.mp4'),
      identity: expect.stringMatching(/^file:dont-look-up\.mp4:1:\d+$/),
    });
    writeFileSync(join(dir, '40025.mov'), 'xy');
    expect(findTrailer(movie, dir)).toMatchObject({ kind: 'file', path: join(dir, '40025.mov') });
  });

  it('loops a short landscape trailer without sound into a full clip with a silent track', async () => {
    const media = context();
    const trailer = join(media.workDir, 'short.mp4');
    await runFfmpeg({
      tools: media.tools,
      inputs: [{ source: 'testsrc2=s=1280x720:r=24:d=4', options: ['-f', 'lavfi'] }],
      outputOptions: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
      output: trailer,
    });
    const clip = join(media.workDir, 'clip.mp4');
    const fractions: number[] = [];
    await cutClip(media, trailer, clip, (fraction) => fractions.push(fraction));
    await expectPortraitClip(clip);
    expect(fractions.at(-1)).toBeGreaterThan(0.5);
  });
});
