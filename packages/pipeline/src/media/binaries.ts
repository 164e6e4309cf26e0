import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { MediaToolError } from '../errors.js';

/** The FFmpeg and ffprobe executables a run uses. */
export interface MediaTools {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}

const require = createRequire(import.meta.url);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function bundled(packageName: string): string | undefined {
  try {
    return (require(packageName) as { path?: string }).path;
  } catch {
    return undefined;
  }
}

function resolveTool(
  name: 'ffmpeg' | 'ffprobe',
  variable: string,
  packageName: string,
  env: NodeJS.ProcessEnv,
): string {
  const configured = env[variable];
  if (configured) {
    if (!isExecutable(configured)) {
      throw new MediaToolError(
        `${variable} is set to ${configured}, which is not an executable file. Fix or unset ${variable}.`,
      );
    }
    return configured;
  }
  // A system FFmpeg is usually newer and faster than the bundled static build.
  const found = onPath(name, env) ?? bundled(packageName);
  if (!found || !isExecutable(found)) {
    throw new MediaToolError(
      `Cannot find ${name}: set ${variable}, put ${name} on PATH, or reinstall ${packageName} (npm ci).`,
    );
  }
  return found;
}

/** FFMPEG_PATH / FFPROBE_PATH, else the tool on PATH, else the binaries installed with the package. */
export function resolveMediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
  return {
    ffmpeg: resolveTool('ffmpeg', 'FFMPEG_PATH', '@ffmpeg-installer/ffmpeg', env),
    ffprobe: resolveTool('ffprobe', 'FFPROBE_PATH', '@ffprobe-installer/ffprobe', env),
  };
}
