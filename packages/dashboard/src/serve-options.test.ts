import { describe, expect, it } from 'vitest';
import { InvalidDashboardOptionError } from './index.js';
import { parseServeArguments } from './serve-options.js';

describe('parseServeArguments', () => {
  it('defaults to 127.0.0.1:4300 and the environment cache directory', () => {
    expect(parseServeArguments([], {})).toEqual({ help: false, options: { port: 4300, host: '127.0.0.1' } });
    expect(parseServeArguments([], { STREAMGANK_CACHE_DIR: '/data/cache' })).toEqual({
      help: false,
      options: { port: 4300, host: '127.0.0.1', cacheDir: '/data/cache' },
    });
  });

  it('reads --port, --host, --cache-dir and --token', () => {
    const command = parseServeArguments(
      ['--port', '4400', '--host=0.0.0.0', '--cache-dir', 'elsewhere', '--token', 'abc'],
      {
        STREAMGANK_CACHE_DIR: 'ignored',
      },
    );
    expect(command).toEqual({
      help: false,
      options: { port: 4400, host: '0.0.0.0', cacheDir: 'elsewhere', token: 'abc' },
    });
  });

  it('reads --redis-url, else STREAMGANK_REDIS_URL; an empty --redis-url overrides the environment', () => {
    expect(
      parseServeArguments(['--redis-url', 'redis://:pw@cache.internal:6379/2'], {
        STREAMGANK_REDIS_URL: 'redis://other:6379',
      }),
    ).toEqual({
      help: false,
      options: { port: 4300, host: '127.0.0.1', redisUrl: 'redis://:pw@cache.internal:6379/2' },
    });
    expect(parseServeArguments([], { STREAMGANK_REDIS_URL: 'redis://other:6379' })).toEqual({
      help: false,
      options: { port: 4300, host: '127.0.0.1', redisUrl: 'redis://other:6379' },
    });
    expect(parseServeArguments(['--redis-url='], { STREAMGANK_REDIS_URL: 'redis://other:6379' })).toEqual({
      help: false,
      options: { port: 4300, host: '127.0.0.1', redisUrl: '' },
    });
  });

  it('refuses ports that are not whole numbers from 0 to 65535', () => {
    for (const port of ['http', '-1', '65536', '43.5', '']) {
      expect(() => parseServeArguments(['--port', port], {})).toThrow(InvalidDashboardOptionError);
    }
  });

  it('refuses unknown flags and stray arguments, pointing at --help', () => {
    expect(() => parseServeArguments(['--prot', '4300'], {})).toThrow(/--help/);
    expect(() => parseServeArguments(['serve'], {})).toThrow(/--help/);
    expect(parseServeArguments(['--help'], {})).toEqual({ help: true });
  });
});
