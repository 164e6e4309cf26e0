/** One cue of a SubRip file. */
export interface SrtCue {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const seconds = (time: string) => {
  const [h, m, rest] = time.split(':');
  const [s, ms] = (rest ?? '').split(',');
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
};

/** Read a .srt file strictly, as a player would: a number, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text, a blank line. */
export function readSrt(text: string): SrtCue[] {
  return text
    .trim()
    .split(/\n\n+/)
    .map((block) => {
      const [index, timing, ...lines] = block.split('\n');
      const match = /^(\d{2}:\d{2}:\d{2},\d{3}) --> (\d{2}:\d{2}:\d{2},\d{3})$/.exec(timing ?? '');
      if (!/^\d+$/.test(index ?? '') || !match || lines.length === 0) throw new Error(`not a SubRip cue: ${block}`);
      return {
        index: Number(index),
        start: seconds(match[1] ?? ''),
        end: seconds(match[2] ?? ''),
        text: lines.join('\n'),
      };
    });
}
