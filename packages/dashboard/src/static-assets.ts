import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';

/**
 * The page's files ship in the package's `static/`, found through the package's own name, so they
 * are found the same from `src/` (tests), `dist/`, and a bundle of the CLI that holds this module.
 */
export const STATIC_DIRECTORY = join(
  dirname(createRequire(import.meta.url).resolve('@streamgank/dashboard/package.json')),
  'static',
);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(?:html|js|css|svg)$/;

export interface StaticAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The page's files, read once at start. A request can only name one of these exact names, so no
 * request ever becomes a file system path.
 */
export function loadStaticAssets(directory = STATIC_DIRECTORY): ReadonlyMap<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const name of readdirSync(directory)) {
    if (!ASSET_NAME.test(name)) continue;
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(name, { body: readFileSync(join(directory, name)), contentType });
  }
  if (!assets.has('index.html')) throw new Error(`The dashboard's page is missing: no index.html in ${directory}.`);
  return assets;
}
