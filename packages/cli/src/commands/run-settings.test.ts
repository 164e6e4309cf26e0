import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { tempDir } from '@streamgank/testing';

const KEY = 'sk-test-cli-0123456789abcdefghijklmnopqrstuv';

/** An OpenAI-compatible server on 127.0.0.1 that refuses every key, quoting it back as a careless server might. */
async function refusingOpenAi(): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: {
          message: `Incorrect API key provided: ${request.headers.authorization}`,
          type: 'invalid_request_error',
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`, requests, server };
}

const servers: Server[] = [];
afterEach(() => {
  while (servers.length > 0) servers.pop()?.close();
});

/** Every file's text under `dir`. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
    .join('\n');
}

describe('streamgank run: settings from .env', () => {
  it('hands .env keys to the pipeline, never shows them, never caches them, and names the failed step (exit 1)', async () => {
    const openai = await refusingOpenAi();
    servers.push(openai.server);
    const cwd = tempDir();
    writeFileSync(
      join(cwd, '.env'),
      [`OPENAI_API_KEY=${KEY}`, `OPENAI_BASE_URL=${openai.url}`, 'STREAMGANK_OPENAI_MAX_RETRIES=0', ''].join('\n'),
    );

    const result = await runCli(['--verbose', 'run', '--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'], {
      cwd,
    });

    expect(openai.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${KEY}`]);
    expect(result.code).toBe(1);
    // The pipeline's own words for the failed step, as one line.
    const line = result.stderr.trim().split('\n').at(-1) ?? '';
    expect(
      line.startsWith(
        `streamgank: error: Step 2/7 (Script Generation) failed: OpenAI at ${openai.url} refused OPENAI_API_KEY (401).`,
      ),
    ).toBe(true);
    expect(line).toContain('resumes at step 2');
    expect(result.stderr).toContain('Incorrect API key provided: Bearer ***');
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(readdirSync(join(cwd, 'test_output')).filter((name) => name.endsWith('.json'))).toEqual([
      'catalog_us_horror_netflix.json',
    ]);
    expect(allText(join(cwd, 'test_output'))).not.toContain(KEY.slice(3));
  });

  it('does not put .env values into the environment of the processes it starts', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), `OPENAI_API_KEY=${KEY}\nSTREAMGANK_SCRIPT_PROVIDER=embedded\n`);
    // FFMPEG_PATH names a "media tool" that prints its own environment and fails, so the run stops at step 3.
    const fakeFfmpeg = join(cwd, 'fake-ffmpeg.sh');
    writeFileSync(fakeFfmpeg, '#!/bin/sh\nenv > "$(dirname "$0")/ffmpeg-env.txt"\nexit 1\n', { mode: 0o755 });
    const result = await runCli(['run', '--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'], {
      cwd,
      env: { FFMPEG_PATH: fakeFfmpeg, FFPROBE_PATH: fakeFfmpeg },
    });
    expect(result.code).toBe(1);
    const seen = readFileSync(join(cwd, 'ffmpeg-env.txt'), 'utf8');
    expect(seen).not.toContain(KEY);
    expect(seen).not.toContain('STREAMGANK_SCRIPT_PROVIDER');
  });
});
