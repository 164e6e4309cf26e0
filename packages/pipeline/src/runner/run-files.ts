import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Cache, EntryParameters } from '@streamgank/cache';
import { COMBINED_SCRIPT_FILE, type ScriptResult } from '../scripts/script-result.js';
import type { PlacedVideo } from './place-video.js';

/** The entry name's readable part (`us_horror_netflix`), shared by the output folder and the video's name. */
export function runSlug(cache: Cache, parameters: EntryParameters): string {
  return cache
    .fileName('final_video', parameters)
    .replace(/^final_video_/, '')
    .replace(/\.json$/, '');
}

/** Default output folder: `videos/<slug>` under the current directory. */
export function defaultOutDir(slug: string): string {
  return resolve('videos', slug);
}

/** Replace `path` with `text` (temp file, then rename); a file that already says exactly that is left alone. */
function writeAtomically(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) return;
  } catch {
    // Not there yet (or unreadable): write it.
  }
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, 'utf8');
  renameSync(temp, path);
}

/** The seed wrote the scripts beside the video as text files; so does this. */
export function writeScriptFiles(outDir: string, scripts: ScriptResult): void {
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, COMBINED_SCRIPT_FILE), `${scripts.combined_script}\n`);
  for (const script of Object.values(scripts.individual_scripts))
    writeAtomically(join(outDir, basename(script.path)), `${script.text}\n`);
}

export function writeRunJson(path: string, document: unknown): void {
  writeAtomically(path, `${JSON.stringify(document, null, 2)}\n`);
}

/** The captions beside the video, as `<slug>.srt`. */
export function writeCaptionsFile(path: string, srt: string): void {
  writeAtomically(path, srt);
}

/** What the previous run.json in the folder says it placed, if it is readable. */
export function previousPlacement(runJsonPath: string): PlacedVideo | undefined {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(runJsonPath, 'utf8'));
  } catch {
    return undefined;
  }
  const placed = (document as { video_file?: Partial<PlacedVideo> } | null)?.video_file;
  if (
    typeof placed?.sha256 === 'string' &&
    typeof placed.bytes === 'number' &&
    typeof placed.mtime_ms === 'number' &&
    typeof placed.ino === 'number'
  )
    return placed as PlacedVideo;
  return undefined;
}
