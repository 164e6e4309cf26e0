import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MediaToolError } from '../errors.js';

/*
 * The font ships in the package (assets/fonts) so that renders look the same on every machine.
 * This file sits at src/media or dist/media: the package root is two levels up from either.
 */
const BOLD = new URL('../../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url);
const REGULAR = new URL('../../assets/fonts/DejaVuSans.ttf', import.meta.url);

export interface Fonts {
  readonly bold: string;
  readonly regular: string;
}

export function packagedFonts(): Fonts {
  const fonts = { bold: fileURLToPath(BOLD), regular: fileURLToPath(REGULAR) };
  for (const path of Object.values(fonts)) {
    if (!existsSync(path))
      throw new MediaToolError(`The font ${path} is missing from the package; reinstall @streamgank/pipeline.`);
  }
  return fonts;
}
