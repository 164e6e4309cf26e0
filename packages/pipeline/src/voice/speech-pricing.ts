/**
 * What OpenAI charges for speech, in US dollars: tts-1 and tts-1-hd by the million characters of
 * input; gpt-4o-mini-tts by audio tokens, which OpenAI estimates at $0.015 a minute of speech.
 */
const SPEECH_PRICES: Readonly<Record<string, { readonly perMillionCharacters?: number; readonly perMinute?: number }>> =
  {
    'tts-1': { perMillionCharacters: 15 },
    'tts-1-hd': { perMillionCharacters: 30 },
    'gpt-4o-mini-tts': { perMinute: 0.015 },
  };

/** The cost of one request, or undefined for a model without a known price (and no override). */
export function speechCost(
  model: string,
  characters: number,
  seconds: number,
  perMillionCharactersOverride?: number,
): number | undefined {
  if (perMillionCharactersOverride !== undefined) return (characters * perMillionCharactersOverride) / 1_000_000;
  const known = Object.keys(SPEECH_PRICES)
    .filter((name) => model === name || model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  const price = known ? SPEECH_PRICES[known] : undefined;
  if (price?.perMillionCharacters !== undefined) return (characters * price.perMillionCharacters) / 1_000_000;
  if (price?.perMinute !== undefined) return (seconds / 60) * price.perMinute;
  return undefined;
}
