import { z } from 'zod';

/** One caption: a sentence and when it is spoken, in seconds from the start of its video. */
export const captionSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().positive(),
  text: z.string().min(1),
});
export type Caption = z.infer<typeof captionSchema>;

/** The same captions `offset` seconds later: a narration's captions placed in the final video. */
export function shiftCaptions(captions: readonly Caption[], offset: number): Caption[] {
  return captions.map((caption) => ({ ...caption, start: caption.start + offset, end: caption.end + offset }));
}
