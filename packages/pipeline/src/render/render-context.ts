import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaTools } from '../media/binaries.js';
import type { Fonts } from '../media/fonts.js';

/** What every renderer needs: the tools, the fonts, a scratch folder and a way to stop. */
export interface RenderContext {
  readonly tools: MediaTools;
  readonly fonts: Fonts;
  /** Scratch space for text files and intermediate media; removed when the run ends. */
  readonly workDir: string;
  readonly signal?: AbortSignal;
}

let textFileCounter = 0;

/** drawtext reads its text from a file: no escaping, so any title or script line renders as written. */
export async function textFile(context: RenderContext, text: string): Promise<string> {
  textFileCounter += 1;
  const path = join(context.workDir, `text-${process.pid}-${textFileCounter}.txt`);
  await writeFile(path, text, 'utf8');
  return path;
}
