import * as z from 'zod/mini';

/** One caption: a sentence and when it is spoken, in seconds from the start of its video. */
export const captionSchema = z.object({
  start: z.number().check(z.nonnegative()),
  end: z.number().check(z.positive()),
  text: z.string().check(z.minLength(1)),
});
export type Caption = z.infer<typeof captionSchema>;

/** The same captions `offset` seconds later: a narration's captions placed in the final video. */
export function shiftCaptions(captions: readonly Caption[], offset: number): Caption[] {
  return captions.map((caption) => ({ ...caption, start: caption.start + offset, end: caption.end + offset }));
}
