import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPoster } from '../assets/poster.js';
import type { Movie } from '../catalog/movie.js';
import { PLATFORMS } from '../catalog/platforms.js';
import { resolveMediaTools } from '../media/binaries.js';
import { packagedFonts } from '../media/fonts.js';
import { ffprobe } from '../test-support/probe.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { createVoice } from '../voice/voices.js';
import { makeVoiceTrack } from '../voice/voice-track.js';
import { narrationSeconds, renderNarration } from './narration.js';
import type { RenderContext } from './render-context.js';

const dirs = tempDirs('streamgank-text');
afterAll(() => dirs.cleanup());

const TITLES = [
  'Ça',
  'Amélie',
  "Don't Look Up",
  'Spider-Man: Into the Spider-Verse',
  "100% : [x], y; z \\ 'q' %{pts} $HOME",
];

function movie(title: string, id: number): Movie {
  return {
    id,
    title,
    year: 2001,
    imdb: '8.3/10 (800,000 votes)',
    imdb_score: 8.3,
    imdb_votes: 800000,
    runtime: '122 min',
    platform: 'Netflix',
    genres: ['Comédie', 'Romance'],
    content_type: 'Film',
    country_code: 'FR',
  };
}

describe('text that needs escaping everywhere else', () => {
  it('renders posters for titles with accents, quotes, colons and percent signs', async () => {
    const workDir = dirs.make();
    const context: RenderContext = { tools: resolveMediaTools(process.env), fonts: packagedFonts(), workDir };
    const netflix = PLATFORMS.find((platform) => platform.name === 'Netflix');
    if (!netflix) throw new Error('Netflix is missing from the platforms');
    for (const [index, title] of TITLES.entries()) {
      const output = join(workDir, `poster-${index}.png`);
      await renderPoster(
        context,
        { movie: movie(title, index + 1), rank: index, platform: netflix, genreId: 'comedy' },
        output,
      );
      const probe = await ffprobe(output);
      expect(probe.streams[0]).toMatchObject({ codec_name: 'png', width: 1080, height: 1920 });
    }
  });

  it('speaks and captions a narration with the same characters, as long as its voice', async () => {
    const workDir = dirs.make();
    const context: RenderContext = { tools: resolveMediaTools(process.env), fonts: packagedFonts(), workDir };
    const netflix = PLATFORMS[0];
    if (!netflix) throw new Error('no platforms');
    const text = TITLES.join(' / ');
    const voice = await createVoice({ provider: 'embedded', variant: undefined }, 'fr', context.tools, {
      addUsage: () => {},
    });
    const track = await makeVoiceTrack(voice, text, 'fr-FR', context, join(workDir, 'voice'));
    expect(track.captions.map((caption) => caption.text).join(' ')).toBe(text);
    const output = join(workDir, 'narration.mp4');
    const seconds = await renderNarration(
      context,
      { movie: movie(TITLES[3] ?? '', 9), rank: 0, platform: netflix, voice: track, musicBed: true },
      output,
    );
    expect(seconds).toBe(narrationSeconds(track.seconds));
    expect(seconds).toBeGreaterThanOrEqual(track.seconds);
    const probe = await ffprobe(output);
    expect(probe.duration).toBeCloseTo(seconds, 1);
    expect(probe.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
  });

  it('finds the packaged font from the source tree', () => {
    expect(packagedFonts().bold).toMatch(/assets\/fonts\/DejaVuSans-Bold\.ttf$/);
  });
});
