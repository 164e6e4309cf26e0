/** One sentence spoken into an audio file, and how long it lasts (measured by ffprobe). */
export interface SpokenSentence {
  readonly path: string;
  readonly seconds: number;
}

/**
 * Something that speaks: eSpeak NG on this machine, or OpenAI text-to-speech. A narration asks
 * for one sentence at a time, so that each caption is timed by the audio actually made for it.
 */
export interface VoiceProvider {
  /** Who speaks, as the narration entry's producer names it (`espeak-ng@1.0.2`, `openai:gpt-4o-mini-tts`). */
  readonly producer: string;
  /** Speak `sentence` into a file named `stem` plus the provider's extension. */
  speak(sentence: string, stem: string): Promise<SpokenSentence>;
}
