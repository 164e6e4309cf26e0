import { existsSync } from 'node:fs';
import { MediaToolError } from '../errors.js';
import { packageFile } from '../package-root.js';

/* The font ships in the package (assets/fonts) so that renders look the same on every machine. */

export interface Fonts {
  readonly bold: string;
  readonly regular: string;
}

export function packagedFonts(): Fonts {
  const fonts = {
    bold: packageFile('assets', 'fonts', 'DejaVuSans-Bold.ttf'),
    regular: packageFile('assets', 'fonts', 'DejaVuSans.ttf'),
  };
  for (const path of Object.values(fonts)) {
    if (!existsSync(path))
      throw new MediaToolError(`The font ${path} is missing from the package; reinstall @streamgank/pipeline.`);
  }
  return fonts;
}
