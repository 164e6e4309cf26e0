import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, MemoryStore, type CacheLogger } from '../index.js';
import { exportBundle } from '../bundles.js';
import { LEGACY_FIXTURES } from '../test-support/legacy-fixtures.js';

const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };
const OPENAI_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const SHAPES = {
  openai_key: 'sk-Zyxwvutsrqponmlkjihgfedcba9876543210',
  aws_access_key: 'AKIAIOSFODNN7EXAMPLE',
  github_token: `ghp_${'a1B2c3D4e5'.repeat(4)}`,
  bearer_token: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature',
  url_password: 'postgres://admin:hunter2hunter2@db.internal:5432/app',
};
const env = { OPENAI_API_KEY: OPENAI_KEY, MY_SERVICE_TOKEN: 'token-value-12345678', STREAMGANK_REDIS_URL: '' };

function recording(): CacheLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (line) => warnings.push(line), info: () => {} };
}

/** Every byte the cache directory holds, as one text. */
function everything(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
    .join('\n');
}

const leaks = (text: string) =>
  [
    OPENAI_KEY,
    'token-value-12345678',
    'AKIAIOSFODNN7EXAMPLE',
    SHAPES.github_token,
    'eyJhbGciOiJIUzI1NiJ9.payload.signature',
    'hunter2hunter2',
    SHAPES.openai_key,
  ].filter((secret) => text.includes(secret));

describe('secrets', () => {
  it('never reach an entry, its metadata or a text blob on disk, and are reported once with where they were', async () => {
    const dir = tempDir();
    const logger = recording();
    const store = new MemoryStore();
    const cache = createCache({ dir, env, logger, sharedStore: store });
    const subtitles = join(tempDir(), 'captions.srt');
    writeFileSync(subtitles, `1\n00:00:00,000 --> 00:00:02,000\nkey is ${OPENAI_KEY}\n`);
    const result = await cache.getOrCreate(
      'script_result',
      params,
      async (ctx) => {
        ctx.setProducer(`openai with ${SHAPES.bearer_token}`);
        const srt = await ctx.putBlob(subtitles, 'application/x-subrip');
        return { script: `Use ${OPENAI_KEY} and ${env.MY_SERVICE_TOKEN}`, shapes: SHAPES, srt: srt.sha256 };
      },
      { inputs: { base_url: SHAPES.url_password } },
    );
    expect(result.saved).toBe(true);
    expect(leaks(everything(dir))).toEqual([]);
    expect(
      leaks(
        store
          .entryFiles()
          .map((file) => JSON.stringify(file))
          .join(),
      ),
    ).toEqual([]);

    const saved = JSON.parse(readFileSync(join(dir, result.file), 'utf8'));
    expect(saved.data.script).toBe('Use [redacted:openai_api_key] and [redacted:my_service_token]');
    expect(saved.data.shapes).toEqual({
      openai_key: '[redacted:openai_key]',
      aws_access_key: '[redacted:aws_access_key]',
      github_token: '[redacted:github_token]',
      bearer_token: 'Bearer [redacted:bearer_token]',
      url_password: 'postgres://admin:[redacted:url_password]@db.internal:5432/app',
    });
    expect(saved.metadata.redactions).toEqual(
      expect.arrayContaining([
        { path: 'data.script', kind: 'openai_api_key' },
        { path: 'data.shapes.aws_access_key', kind: 'aws_access_key' },
        { path: 'metadata.producer', kind: 'bearer_token' },
        { path: 'metadata.inputs.base_url', kind: 'url_password' },
      ]),
    );
    expect(JSON.stringify(saved.metadata.redactions)).not.toContain('hunter2');
    expect(cache.load('script_result', params, { inputs: { base_url: SHAPES.url_password } }).status).toBe('hit');
    const secretWarnings = logger.warnings.filter((line) => line.includes('secret'));
    expect(secretWarnings).toHaveLength(2);
    expect(leaks(secretWarnings.join('\n'))).toEqual([]);

    const bundle = join(tempDir(), 'out.tar.gz');
    const exported = await exportBundle(cache, bundle);
    expect(exported).toMatchObject({ entries: ['script_result_us_horror_netflix.json'], skipped: [] });
    // The archive's bytes uncompressed: every member, header and manifest as written.
    const archive = gunzipSync(readFileSync(bundle)).toString('latin1');
    expect(archive).toContain('[redacted:openai_api_key]');
    expect(leaks(archive)).toEqual([]);
  });

  it('in a Python-era file are reported by verify, refused by export, and taken out by verify --fix', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const entry = JSON.parse(readFileSync(join(LEGACY_FIXTURES, 'script_result_us_horror_netflix.json'), 'utf8'));
    entry.data.combined_script = `${entry.data.combined_script} (debug: OPENAI_API_KEY=${OPENAI_KEY})`;
    writeFileSync(join(dir, 'script_result_us_horror_netflix.json'), JSON.stringify(entry, null, 2));
    const cache = createCache({ dir, env, logger: recording() });

    const report = await cache.verify();
    expect(report.healthy).toBe(false);
    expect(report.secret_entries).toEqual([
      {
        file: 'script_result_us_horror_netflix.json',
        redactions: [{ path: 'data.combined_script', kind: 'openai_api_key' }],
        redacted: false,
      },
    ]);
    const exported = await exportBundle(cache, join(tempDir(), 'b.tar.gz'));
    expect(exported.entries).toEqual([]);
    expect(exported.skipped[0]?.reason).toMatch(
      /holds a secret at data\.combined_script \(openai_api_key\).*verify --fix/,
    );

    const fixed = await cache.verify({ fix: true });
    expect(fixed.secret_entries[0]?.redacted).toBe(true);
    expect(leaks(everything(dir))).toEqual([]);
    expect(await cache.verify()).toMatchObject({ healthy: true, legacy_entries: 1, secret_entries: [] });
    expect(cache.load('script_result', params)).toMatchObject({ status: 'hit', legacy: true });
  });

  it('finds the shared key and the Redis password among the values it keeps out', () => {
    const dir = tempDir();
    const sharedKey = 'team-key-0123456789abcdef';
    const cache = createCache({
      dir,
      env: {},
      logger: recording(),
      sharedKey,
      sharedStore: new MemoryStore(),
      secretValues: ['extra-secret-value'],
    });
    const saved = cache.save('notes', params, { text: `shared ${sharedKey} and extra-secret-value` });
    expect(readFileSync(saved.path, 'utf8')).toContain('shared [redacted:shared_key] and [redacted:secret]');
  });

  it('in a text blob saved before the key was known are found by verify and taken out by verify --fix', async () => {
    const dir = tempDir();
    const before = createCache({ dir, env: {}, logger: recording() });
    const captions = join(tempDir(), 'captions.srt');
    writeFileSync(captions, `1\n00:00:00,000 --> 00:00:01,000\nthe token: ${env.MY_SERVICE_TOKEN}\n`);
    const saved = await before.getOrCreate('narration_videos', params, async (ctx) => ({
      captions: (await ctx.putBlob(captions, 'application/x-subrip')).sha256,
    }));
    expect(everything(dir)).toContain(env.MY_SERVICE_TOKEN);

    const cache = createCache({ dir, env, logger: recording() });
    const report = await cache.verify();
    expect(report.secret_blobs).toEqual([{ sha256: saved.data.captions, kinds: ['my_service_token'] }]);
    const fixed = await cache.verify({ fix: true });
    const replacement = fixed.secret_blobs[0]?.replaced_by as string;
    expect(replacement).toMatch(/^[0-9a-f]{64}$/);
    expect(leaks(everything(dir))).toEqual([]);
    const hit = cache.load('narration_videos', params);
    expect(hit).toMatchObject({ status: 'hit', edited: false, data: { captions: replacement } });
    const out = join(tempDir(), 'captions.srt');
    await cache.restoreBlob(replacement, out);
    expect(readFileSync(out, 'utf8')).toContain('the token: [redacted:my_service_token]');
    expect(await cache.verify()).toMatchObject({ healthy: true });
  });
});
