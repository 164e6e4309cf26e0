import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PipelineAbortedError, VoiceEngineError } from '../errors.js';

/*
 * The one module that uses eSpeak NG (the `espeak-ng` package: the espeak-ng command compiled to
 * WebAssembly, GPL-3.0-or-later). Everything else asks for speech through the VoiceProvider
 * interface, so replacing the engine touches only this file and embedded-voice.ts.
 */

const require = createRequire(import.meta.url);

/** Where eSpeak NG keeps its data inside the WebAssembly file system. */
const DATA_DIR = '/usr/local/share/espeak-ng-data';
const OUTPUT = '/speech.wav';

interface EspeakModule {
  readonly FS: {
    readFile(path: string): Uint8Array;
    readdir(path: string): string[];
  };
}

type EspeakFactory = (options: Record<string, unknown>) => Promise<EspeakModule>;

/** The part of the WebAssembly global used here (the Node 20 typings do not declare it). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Engine {
  readonly factory: EspeakFactory;
  readonly wasm: object;
}

let loading: Promise<Engine> | undefined;

/** The package and its 18 MB of WebAssembly, compiled once per process and only when speech is needed. */
function engine(): Promise<Engine> {
  loading ??= (async () => {
    // eslint-disable-next-line no-restricted-syntax -- this is the one module that may load eSpeak NG.
    const { default: factory } = (await import('espeak-ng')) as unknown as { default: EspeakFactory };
    const wasmPath = join(dirname(require.resolve('espeak-ng')), 'espeak-ng.wasm');
    return { factory, wasm: await wasmApi.compile(readFileSync(wasmPath)) };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** `espeak-ng@<package version>`: part of the narration fingerprint, read without loading the engine. */
export function espeakVersion(): string {
  const manifest = JSON.parse(readFileSync(require.resolve('espeak-ng/package.json'), 'utf8')) as { version: string };
  return `espeak-ng@${manifest.version}`;
}

/** Run the espeak-ng command once, in a fresh instance of the compiled module, with `args`. */
async function runEspeak(args: readonly string[]): Promise<{ instance: EspeakModule; messages: string[] }> {
  const { factory, wasm } = await engine();
  const messages: string[] = [];
  const instance = await factory({
    arguments: [...args],
    // The module compiled once is instantiated for every run (a new instance is quick; compiling is not).
    instantiateWasm: (imports: object, done: (instance: object, module: object) => void) => {
      void wasmApi.instantiate(wasm, imports).then((instance) => done(instance, wasm));
      return {};
    },
    print: () => {},
    // Emscripten says the runtime stays alive after main(); that is expected here.
    printErr: (line: string) => {
      if (!line.includes('keepRuntimeAlive')) messages.push(line);
    },
  });
  return { instance, messages };
}

export interface EspeakJob {
  /** An eSpeak NG voice: a language (`en-us`, `fr-fr`, `de`), optionally `+variant` (`fr-fr+m3`). */
  readonly voice: string;
  /** Words per minute. */
  readonly wordsPerMinute: number;
  readonly text: string;
  /** Where the WAV (22050 Hz, mono, 16-bit) is written. */
  readonly output: string;
  readonly signal?: AbortSignal;
}

/**
 * Speak `text` into a WAV file. The WebAssembly build is the command-line program: each call runs
 * it once, in a fresh instance of the module compiled on first use.
 */
export async function speakWithEspeak(job: EspeakJob): Promise<void> {
  if (job.signal?.aborted) throw new PipelineAbortedError(undefined, undefined);
  const { instance, messages } = await runEspeak([
    '-v',
    job.voice,
    '-s',
    String(job.wordsPerMinute),
    '-w',
    OUTPUT,
    '--',
    job.text,
  ]);
  let audio: Uint8Array;
  try {
    audio = instance.FS.readFile(OUTPUT);
  } catch {
    throw new VoiceEngineError(
      `eSpeak NG made no audio for voice "${job.voice}"${messages.length > 0 ? ` (${messages.join(' ')})` : ''}.`,
    );
  }
  if (job.signal?.aborted) throw new PipelineAbortedError(undefined, undefined);
  await writeFile(job.output, audio);
}

/** The voice variants eSpeak NG ships (`m3`, `f2`, `klatt`…), for checking a configured voice. */
export async function espeakVariants(): Promise<string[]> {
  const { instance } = await runEspeak(['--version']);
  return instance.FS.readdir(`${DATA_DIR}/voices/!v`).filter((name) => !name.startsWith('.'));
}
