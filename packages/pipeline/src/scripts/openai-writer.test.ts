import { afterEach, describe, expect, it } from 'vitest';
import { embeddedCatalog } from '../catalog/catalog-data.js';
import { genresIn } from '../catalog/choices.js';
import { resolveRequest } from '../catalog/resolve-request.js';
import { selectMovies } from '../catalog/select-titles.js';
import { PipelineAbortedError, ProviderRequestError, ScriptFormatError } from '../errors.js';
import { readSettings, type OpenAiSettings } from '../settings.js';
import {
  completion,
  rateLimited,
  scriptsCompletion,
  startOpenAiServer,
  type OpenAiTestServer,
} from '../test-support/openai-server.js';
import { writeOpenAiScripts } from './openai-writer.js';
import type { ScriptRequest } from './script-request.js';

const catalog = embeddedCatalog();
const resolved = resolveRequest({ country: 'US', genre: 'Horror', platform: 'Netflix' }, (country) =>
  genresIn(catalog, country.code),
);
const request: ScriptRequest = {
  movies: selectMovies(catalog, resolved),
  genreId: 'horror',
  genreName: 'Horror',
  platform: 'Netflix',
  country: 'US',
  contentType: 'Film',
  language: 'en',
};

let server: OpenAiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function settingsFor(baseURL: string, more: Record<string, string> = {}): OpenAiSettings {
  const settings = readSettings({
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    OPENAI_BASE_URL: baseURL,
    ...more,
  }).scripts;
  if (settings.provider !== 'openai') throw new Error('expected the OpenAI provider');
  return settings;
}

function recorder() {
  const record = { usage: {} as Record<string, number>, cost: 0, producer: '' };
  return {
    record,
    context: {
      addUsage: (usage: Readonly<Record<string, number>>, cost?: number) => {
        for (const [name, value] of Object.entries(usage)) record.usage[name] = (record.usage[name] ?? 0) + value;
        record.cost += cost ?? 0;
      },
      setProducer: (name: string) => {
        record.producer = name;
      },
    },
  };
}

describe('the OpenAI script writer (real SDK, local server)', () => {
  it('writes one line per title and records tokens, cost and model', async () => {
    server = await startOpenAiServer((chat) => scriptsCompletion(chat));
    const { record, context } = recorder();
    const written = await writeOpenAiScripts(request, settingsFor(server.baseURL), context);
    expect(written.hook).toBe('The gpt-4o-mini countdown starts now!');
    expect(written.lines).toEqual([
      'Godzilla Minus One is pick number 1, chosen by gpt-4o-mini.',
      'Train to Busan is pick number 2, chosen by gpt-4o-mini.',
      'The Wailing is pick number 3, chosen by gpt-4o-mini.',
    ]);
    expect(record.usage).toEqual({ prompt_tokens: 420, completion_tokens: 180, requests: 1 });
    expect(record.cost).toBeCloseTo((420 * 0.15 + 180 * 0.6) / 1e6, 12);
    expect(record.producer).toBe('openai:gpt-4o-mini');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.authorization).toBe('Bearer sk-test-not-a-real-key');
    expect(server.requests[0]?.messages[0]?.content).toContain('JSON only');
    expect(server.requests[0]?.messages[0]?.content).toContain('Write in English');
  });

  it("asks for the job's language and names the genre in it", async () => {
    server = await startOpenAiServer((chat) => scriptsCompletion(chat));
    await writeOpenAiScripts(
      { ...request, language: 'de', genreName: 'Horror' },
      settingsFor(server.baseURL),
      recorder().context,
    );
    const [system, user] = server.requests[0]?.messages ?? [];
    expect(system?.content).toContain('Write in German (language code "de")');
    expect(user?.content).toMatch(/^Language: German\./);
  });

  it('uses the configured model and price override', async () => {
    server = await startOpenAiServer((chat) => scriptsCompletion(chat));
    const { record, context } = recorder();
    await writeOpenAiScripts(
      request,
      settingsFor(server.baseURL, { STREAMGANK_OPENAI_MODEL: 'my-model', STREAMGANK_OPENAI_PRICES: '1,2' }),
      context,
    );
    expect(server.requests[0]?.model).toBe('my-model');
    expect(record.producer).toBe('openai:my-model');
    expect(record.cost).toBeCloseTo((420 * 1 + 180 * 2) / 1e6, 12);
  });

  it('retries after a 429 and then succeeds', async () => {
    server = await startOpenAiServer((chat, n) => (n === 0 ? rateLimited() : scriptsCompletion(chat)));
    const { context } = recorder();
    const written = await writeOpenAiScripts(request, settingsFor(server.baseURL), context);
    expect(written.lines).toHaveLength(3);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on rate limits after its retries with a typed error', async () => {
    server = await startOpenAiServer(() => rateLimited());
    const { context } = recorder();
    const failure = writeOpenAiScripts(
      request,
      settingsFor(server.baseURL, { STREAMGANK_OPENAI_MAX_RETRIES: '1' }),
      context,
    );
    await expect(failure).rejects.toBeInstanceOf(ProviderRequestError);
    await expect(failure).rejects.toThrow(/rate limiting.*STREAMGANK_OPENAI_MAX_RETRIES/);
    expect(server.requests).toHaveLength(2);
  });

  it('times out with a typed error that says what to change', async () => {
    server = await startOpenAiServer(() => 'hang');
    const { context } = recorder();
    const settings = settingsFor(server.baseURL, {
      STREAMGANK_OPENAI_TIMEOUT_MS: '300',
      STREAMGANK_OPENAI_MAX_RETRIES: '0',
    });
    const started = Date.now();
    const failure = writeOpenAiScripts(request, settings, context);
    await expect(failure).rejects.toBeInstanceOf(ProviderRequestError);
    await expect(failure).rejects.toThrow(/did not answer within 300 ms.*STREAMGANK_OPENAI_TIMEOUT_MS/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects malformed output with a typed error', async () => {
    for (const content of [
      'this is not json',
      JSON.stringify({ hook: 'Hi', lines: [] }),
      JSON.stringify({ lines: [{ id: 7299, text: 'x' }] }),
    ]) {
      server = await startOpenAiServer((chat) => completion(chat, content));
      const { context } = recorder();
      await expect(writeOpenAiScripts(request, settingsFor(server.baseURL), context)).rejects.toBeInstanceOf(
        ScriptFormatError,
      );
      await server.close();
      server = undefined;
    }
  });

  it('refuses an answer that gives two titles the same line', async () => {
    const same = JSON.stringify({
      hook: 'Hi',
      lines: request.movies.map((movie) => ({ id: movie.id, text: 'Same words.' })),
    });
    server = await startOpenAiServer((chat) => completion(chat, same));
    await expect(writeOpenAiScripts(request, settingsFor(server.baseURL), recorder().context)).rejects.toThrow(
      /same line/,
    );
  });

  it('stops when the run is aborted', async () => {
    server = await startOpenAiServer(() => 'hang');
    const controller = new AbortController();
    const failure = writeOpenAiScripts(request, settingsFor(server.baseURL), recorder().context, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(failure).rejects.toBeInstanceOf(PipelineAbortedError);
  });
});
