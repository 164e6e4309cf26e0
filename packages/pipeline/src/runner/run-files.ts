import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Cache, EntryParameters } from '@streamgank/cache';
import { COMBINED_SCRIPT_FILE, type ScriptResult } from '../scripts/script-result.js';

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

function writeAtomically(path: string, text: string): void {
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
