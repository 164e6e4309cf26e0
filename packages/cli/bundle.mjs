// Bundles the built CLI (dist/bin.js, dist/start.js) with the workspace packages it runs into
// dist-bundle/, one file per entry plus shared chunks. A command then loads a handful of files
// instead of some 280 modules, which is most of what a run served from the cache costs (Node 20 has
// no compile cache for ES modules). Libraries that load only when a step must produce, that hold
// native or WebAssembly assets, or that are big stay external: they load from node_modules, lazily,
// exactly as they do unbundled. ioredis is bundled all the same, into the chunk of the Redis store,
// which loads only when a Redis URL is set: from node_modules it took 125-150 ms of a second
// machine's 1 s pull of a whole job (some 90 files), bundled about 80 ms.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const outdir = join(root, 'dist-bundle');

export const EXTERNAL = [
  '@ffmpeg-installer/ffmpeg',
  '@ffprobe-installer/ffprobe',
  '@inquirer/confirm',
  '@inquirer/select',
  '@rushstack/node-core-library',
  'cloudinary',
  'cockatiel',
  'espeak-ng',
  'fluent-ffmpeg',
  'fs-extra',
  'openai',
  'playwright-core',
  'subtitle',
  'tar',
  'tar-stream',
];

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { bin: join(root, 'dist', 'bin.js'), start: join(root, 'dist', 'start.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Some bundled CommonJS modules call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  minify: true,
  logLevel: 'warning',
});
