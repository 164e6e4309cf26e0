import { describe, expect, it } from 'vitest';
import { InvalidDataTypeError, InvalidParameterError, entryFileName } from '../index.js';

const name = (genre: string, country = 'US', platform = 'Netflix', type = 'assets') =>
  entryFileName(type, { country, genre, platform });

describe('entryFileName', () => {
  it('names files exactly as the seed did', () => {
    expect(entryFileName('script_result', { country: 'US', genre: 'Horror', platform: 'Netflix' })).toBe(
      'script_result_us_horror_netflix.json',
    );
    expect(name('Action & Aventure')).toBe('assets_us_action_and_aventure_netflix.json');
    expect(entryFileName('script_result', { country: 'Canada', genre: 'Comedy', platform: 'Disney' })).toBe(
      'script_result_canada_comedy_disney.json',
    );
  });

  it('keeps the major platforms and genres readable', () => {
    expect(name('Horror', 'US', 'Prime Video')).toBe('assets_us_horror_prime-video.json');
    expect(name('Horror', 'US', 'Disney+')).toBe('assets_us_horror_disney+.json');
    expect(name('Drame', 'FR', 'Canal+')).toBe('assets_fr_drame_canal+.json');
    expect(name('Sci-Fi & Fantasy', 'US', 'Apple TV+')).toBe('assets_us_sci-fi_and_fantasy_apple-tv+.json');
    expect(name('Mystère & Thriller', 'FR', 'Netflix')).toMatch(
      /^assets_fr_mystere_and_thriller~[0-9a-f]{8}_netflix\.json$/,
    );
  });

  it.each([
    '../..',
    '/etc',
    '/etc/passwd',
    '..\\..\\windows',
    'a\0b',
    'x'.repeat(500),
    'CON',
    'NUL',
    'Mystère & Thriller',
    '日本',
    'Ça',
    '.hidden',
    'tab\there',
    'new\nline',
    '%2e%2e%2f',
    '💀 horror',
  ])('keeps %j inside the directory with a portable name', (hostile) => {
    for (const file of [name(hostile), name('Horror', hostile), name('Horror', 'US', hostile)]) {
      expect(file).toMatch(/^[a-z0-9_+~-]+\.json$/);
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
      expect(file).not.toContain('..');
      expect(file.replace(/\.json$/, '').toUpperCase()).not.toMatch(/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/);
    }
  });

  it('gives the same name to the same parameters in another Unicode form, case or spacing', () => {
    const nfc = 'Mystère & Thriller'.normalize('NFC');
    const nfd = 'Mystère & Thriller'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(name(nfd)).toBe(name(nfc));
    expect(name('MYSTÈRE & THRILLER')).toBe(name(nfc));
    expect(name('  mystère   &  thriller ')).toBe(name(nfc));
    expect(name('Horror', 'us', 'NETFLIX')).toBe(name('horror', 'US', 'Netflix'));
  });

  it('never gives one name to distinct parameters', () => {
    const values = [
      'Action & Aventure',
      'Action and Aventure',
      'action_and_aventure',
      'Action-and-Aventure',
      'Ça',
      'Ca',
      'Mystère',
      'Mystere',
      '日本',
      '中国',
      '../..',
      '..',
      '.',
      '/',
      '\\',
      'x'.repeat(500),
      'x'.repeat(499),
      `${'x'.repeat(60)}a`,
      `${'x'.repeat(60)}b`,
      'Sci-Fi',
      'Sci Fi',
      'SciFi',
      'Disney+',
      'Disneyplus',
      'Disney plus',
      'a b',
      'a_b',
      '&',
      'and',
    ];
    const seen = new Map<string, string>();
    for (const value of values) {
      for (const file of [name(value), name('Horror', value), name('Horror', 'US', value)]) {
        const previous = seen.get(file);
        expect(previous === undefined || previous === `${value}`, `${value} collides with ${previous}`).toBe(true);
      }
      seen.set(name(value), value);
      seen.set(name('Horror', value), value);
      seen.set(name('Horror', 'US', value), value);
    }
  });

  it('never gives one name to distinct random parameters', () => {
    const alphabet = ['a', 'b', 'é', 'e\u0301', ' ', '&', '_', '-', '/', '.', 'A', '1', 'and'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const canonical = (value: string) => value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    const byName = new Map<string, string>();
    for (let i = 0; i < 5000; i += 1) {
      const length = 1 + Math.floor(random() * 6);
      let value = '';
      for (let j = 0; j < length; j += 1) value += alphabet[Math.floor(random() * alphabet.length)];
      if (canonical(value) === '') continue;
      const file = name(value);
      const previous = byName.get(file);
      if (previous !== undefined)
        expect(canonical(previous), `${JSON.stringify(value)} vs ${JSON.stringify(previous)}`).toBe(canonical(value));
      byName.set(file, value);
    }
  });

  it('rejects data types and parameters that cannot name an entry', () => {
    expect(() => entryFileName('../evil', { country: 'US', genre: 'Horror', platform: 'Netflix' })).toThrow(
      InvalidDataTypeError,
    );
    expect(() => entryFileName('Script', { country: 'US', genre: 'Horror', platform: 'Netflix' })).toThrow(
      InvalidDataTypeError,
    );
    expect(() => entryFileName('assets', { country: ' ', genre: 'Horror', platform: 'Netflix' })).toThrow(
      InvalidParameterError,
    );
    expect(() =>
      entryFileName('assets', { country: 'US', genre: undefined as unknown as string, platform: 'Netflix' }),
    ).toThrow(/genre/);
  });
});
