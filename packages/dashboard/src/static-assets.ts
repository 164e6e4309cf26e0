import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page's files live in `packages/dashboard/static/`, beside both `src/` (tests) and `dist/` (runtime). */
export const STATIC_DIRECTORY = fileURLToPath(new URL('../static/', import.meta.url));

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
