import type { FfmpegInput } from '../media/ffmpeg.js';
import { filterExpression } from '../media/filters.js';
import { cycle, stableNumber } from '../deterministic.js';

const LAVFI = ['-f', 'lavfi'] as const;

/** Silence in the common audio format, for segments that have nothing to say. */
export function silence(seconds: number): FfmpegInput {
  return { source: `anullsrc=r=48000:cl=stereo,atrim=0:${seconds.toFixed(3)}`, options: LAVFI };
}

/** Root notes (Hz) of a few minor and major chords, picked by the seed. */
const CHORDS: readonly (readonly number[])[] = [
  [110, 130.81, 164.81],
  [98, 123.47, 146.83],
  [87.31, 110, 130.81],
  [130.81, 164.81, 196],
  [146.83, 174.61, 220],
  [123.47, 146.83, 185],
];

/**
 * A soft, slowly breathing chord: the bed under narration and generated trailers. Deterministic
 * for a seed, so the same title always sounds the same.
 */
export function padTone(seconds: number, seed: string, volume = 0.08): FfmpegInput {
  const chord = cycle(CHORDS, stableNumber(seed));
  const swell = `(0.6+0.4*sin(2*PI*0.25*t))`;
  const voice = (offset: number) => chord.map((hz) => `sin(2*PI*${(hz * (1 + offset)).toFixed(3)}*t)`).join('+');
  const left = `${volume}*${swell}*(${voice(0)})/3`;
  const right = `${volume}*${swell}*(${voice(0.003)})/3`;
  const fadeOut = Math.max(0, seconds - 0.5).toFixed(3);
  return {
    source:
      `aevalsrc=${filterExpression(`${left}|${right}`)}:s=48000:d=${seconds.toFixed(3)},` +
      `afade=t=in:d=0.3,afade=t=out:st=${fadeOut}:d=0.5`,
    options: LAVFI,
  };
}

/** A short filtered-noise whoosh for the scroll overlay. */
export function whoosh(seconds: number): FfmpegInput {
  const fadeOut = Math.max(0, seconds - 1).toFixed(3);
  return {
    source:
      `anoisesrc=d=${seconds.toFixed(3)}:c=pink:r=48000:a=0.08:seed=7,lowpass=f=900,` +
      `aformat=channel_layouts=stereo,afade=t=in:d=0.8,afade=t=out:st=${fadeOut}:d=1`,
    options: LAVFI,
  };
}
