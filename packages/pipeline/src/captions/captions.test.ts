import { describe, expect, it } from 'vitest';
import { shiftCaptions } from './caption.js';
import { splitSentences } from './sentences.js';
import { toSrt } from './srt.js';

describe('captions', () => {
  it("split a script into the language's sentences", () => {
    expect(splitSentences('Meet Ça from 2017: a 7.3 on IMDb, and more! Then: Us. ', 'en-US')).toEqual([
      'Meet Ça from 2017: a 7.3 on IMDb, and more!',
      'Then: Us.',
    ]);
    expect(splitSentences('Vous cherchez quoi regarder ? StreamGank a choisi Ça, noté 7,3 !', 'fr-FR')).toEqual([
      'Vous cherchez quoi regarder ?',
      'StreamGank a choisi Ça, noté 7,3 !',
    ]);
    expect(splitSentences('Hier kommt Es aus dem Jahr 2017: 7,3 auf IMDb. Schau es dir an!', 'de-DE')).toHaveLength(2);
  });

  it('are written as SubRip: numbered, ordered, with millisecond times', async () => {
    const captions = shiftCaptions(
      [
        { start: 0.3, end: 4.1234, text: 'Voici les trois films.' },
        { start: 4.6, end: 7, text: 'Zwei Sätze: « ça » !' },
      ],
      61,
    );
    expect(await toSrt(captions)).toBe(
      '1\n00:01:01,300 --> 00:01:05,123\nVoici les trois films.\n\n' +
        '2\n00:01:05,600 --> 00:01:08,000\nZwei Sätze: « ça » !\n',
    );
  });
});
