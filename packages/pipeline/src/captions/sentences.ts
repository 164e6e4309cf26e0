/**
 * A script's sentences, as the language splits them (Intl.Segmenter knows that "7.7" and "Dr."
 * do not end a sentence, and that French puts a space before "?" and "!"). Each is spoken on its
 * own and becomes one caption.
 */
export function splitSentences(text: string, locale: string): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((part) => part.segment.trim()).filter((sentence) => sentence.length > 0);
}
