import type { Caption } from './caption.js';

/**
 * Captions as a SubRip (.srt) file, written by the `subtitle` package (loaded only when a final
 * video is assembled: a run served from the cache writes the text it stored).
 */
export async function toSrt(captions: readonly Caption[]): Promise<string> {
  const { stringifySync } = await import('subtitle');
  return stringifySync(
    captions.map((caption) => ({
      type: 'cue' as const,
      data: { start: Math.round(caption.start * 1000), end: Math.round(caption.end * 1000), text: caption.text },
    })),
    { format: 'SRT' },
  );
}
