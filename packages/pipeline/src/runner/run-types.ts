import type { Cache, Explanation } from '@streamgank/cache';
import type { StepInfo } from '../steps/step-table.js';

/** Where a run tells a person what is happening. */
export interface RunReporter {
  /** One line of the seed's output: `[STEP 2/7] Script Generation - 0.1 seconds`, `📂 Using cached …`. */
  line(text: string): void;
  /** How far a long step is (0..1), with a short note such as `clip 2/3: Train to Busan`. */
  progress?(step: StepInfo, fraction: number, note?: string): void;
}

export interface RunOptions {
  readonly country: string;
  readonly genre: string;
  readonly platform: string;
  /** `Film` (default), `Série` (or `TV Show`), or `all`. */
  readonly contentType?: string;
  /** 1 to 10; default 3. */
  readonly numMovies?: number;
  /** Where the MP4, run.json and script files go; default `videos/<country>_<genre>_<platform>` under the current directory. */
  readonly outDir?: string;
  readonly cache: Cache;
  readonly skipScroll?: boolean;
  /**
   * What the scripts, voice and captions speak: `en`, `fr` or `de` (or `English`, `français`…).
   * Default: STREAMGANK_LANGUAGE, else the country's language (US, GB, CA → en; FR → fr; DE → de).
   */
  readonly language?: string;
  /** The voice: an OpenAI voice (`alloy`, `nova`…) or an eSpeak NG variant (`m3`, `f2`…). Default: STREAMGANK_VOICE. */
  readonly voice?: string;
  /** Keys and settings (OPENAI_API_KEY, CLOUDINARY_URL, FFMPEG_PATH…); default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Aborting stops FFmpeg and OpenAI calls; finished steps stay cached. */
  readonly signal?: AbortSignal;
  readonly reporter?: RunReporter;
  /** Print, under each step's lines, why it was served or produced (the cache's explanation). */
  readonly explain?: boolean;
}

/** `hit` came from the cache; `miss`, `stale`, `corrupt`, `refresh` and `off` say why it was produced. */
export type StepStatus = 'hit' | 'miss' | 'stale' | 'corrupt' | 'refresh' | 'off' | 'failed' | 'skipped';

export interface StepReport {
  readonly number: number;
  readonly name: string;
  readonly data_type: string;
  readonly status: StepStatus;
  readonly seconds: number;
  /** Who made the data (`embedded:embedded-writer@1`, `openai:gpt-4o-mini`, `ffmpeg`), when known. */
  readonly producer: string | null;
  /** The entry's file name in the cache. */
  readonly file: string | null;
  /** For a stale or corrupt entry: why it could not be used. */
  readonly reasons: readonly string[];
  /** Why the cache served or produced it: a hit, or what was missing, stale (and what changed) or corrupt. */
  readonly explanation: Explanation | null;
}

export interface RunReport {
  readonly video_path: string;
  /** The captions beside the video, as SubRip (`<slug>.srt`). */
  readonly captions_path: string;
  readonly run_json_path: string;
  readonly out_dir: string;
  readonly steps: StepReport[];
  /** What producing the entries served from the cache took when they were made. */
  readonly time_saved_ms: number;
  readonly total_seconds: number;
  readonly parameters: RunParameters;
  readonly video: { readonly sha256: string; readonly bytes: number; readonly duration_seconds: number };
}

export interface RunParameters {
  readonly country: string;
  readonly genre: string;
  readonly platform: string;
  readonly content_type: string;
  readonly num_movies: number;
  readonly skip_scroll: boolean;
  /** The language the scripts, voice and captions speak. */
  readonly language: string;
}
