/*
 * Every video segment is encoded with exactly these settings, so that the final assembly can join
 * them without re-encoding the picture (the concat demuxer needs identical streams).
 */
export const FRAME = { width: 1080, height: 1920, fps: 30 } as const;

export const VIDEO_ENCODING = [
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-crf',
  '26',
  '-maxrate',
  '4M',
  '-bufsize',
  '8M',
  '-pix_fmt',
  'yuv420p',
  '-r',
  String(FRAME.fps),
  '-g',
  String(FRAME.fps * 2),
  '-video_track_timescale',
  '15360',
] as const;

export const AUDIO_ENCODING = ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'] as const;

/** What goes into fingerprints: change a setting above and bump this, and every render is redone. */
export const ENCODING_FINGERPRINT = 'x264-ultrafast-crf26-max4M/aac-128k-48k-stereo/1080x1920@30';

/** A duration rounded to whole frames, so that segments add up exactly. */
export function toFrames(seconds: number): number {
  return Math.round(seconds * FRAME.fps) / FRAME.fps;
}

/**
 * FFmpeg's output options for one segment: its picture and sound (labels such as `[v]` or input
 * streams such as `1:a`), cut at `seconds`, encoded as every segment is, with the index up front so
 * players start at once.
 */
export function segmentOutputOptions(video: string, audio: string, seconds: number): string[] {
  return [
    '-map',
    video,
    '-map',
    audio,
    '-t',
    seconds.toFixed(3),
    ...VIDEO_ENCODING,
    ...AUDIO_ENCODING,
    '-movflags',
    '+faststart',
  ];
}
