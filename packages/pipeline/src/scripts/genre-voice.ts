import type { GenreId } from '../catalog/genres.js';

/** How the local writer talks about a genre: an adjective for the hook and clauses that end a line. */
export interface GenreVoice {
  readonly adjective: string;
  readonly promises: readonly string[];
}

const VOICES: Readonly<Record<GenreId, GenreVoice>> = {
  horror: {
    adjective: 'most spine-chilling',
    promises: [
      'it will have you sleeping with the lights on',
      'every creak in your house will sound different afterwards',
      'it turns an ordinary night into pure dread',
      'the tension never lets go until the very last frame',
      'it is the scare your group chat will not stop talking about',
    ],
  },
  comedy: {
    adjective: 'funniest',
    promises: [
      'you will be quoting it for weeks',
      'it is the easiest laugh you will have all month',
      'it lands joke after joke without running out of breath',
      'it is the cure for a long week',
      'you will want to watch it again with friends',
    ],
  },
  drama: {
    adjective: 'most gripping',
    promises: [
      'it stays with you long after the credits',
      'every performance in it hits hard',
      'it earns every emotion it asks of you',
      'it is the kind of story people argue about for days',
      'you will not look at your phone once',
    ],
  },
  action: {
    adjective: 'most explosive',
    promises: [
      'the set pieces will leave you breathless',
      'it never takes its foot off the gas',
      'it is pure adrenaline from start to finish',
      'every fight scene tops the one before it',
      'it is built for the biggest screen you own',
    ],
  },
  scifi: {
    adjective: 'most mind-bending',
    promises: [
      'it will rewire how you think about the future',
      'its ideas are as big as its visuals',
      'you will be decoding it long after it ends',
      'it builds a world you will not want to leave',
      'it asks the questions other stories avoid',
    ],
  },
  mystery: {
    adjective: 'most nerve-racking',
    promises: [
      'you will not guess the twist',
      'every clue pulls you one step deeper',
      'it keeps you on the edge of your seat',
      'it plays fair and still outsmarts you',
      'you will be second-guessing everyone on screen',
    ],
  },
  crime: {
    adjective: 'most addictive',
    promises: [
      'it shows the underworld without blinking',
      'every deal in it could go wrong at any second',
      'you will be rooting for people you should not',
      'it is sharp, tense and impossible to stop',
      'it makes crime look dangerously compelling',
    ],
  },
  romance: {
    adjective: 'most swoon-worthy',
    promises: [
      'it will melt even the coldest heart',
      'the chemistry is off the charts',
      'it is the perfect pick for a cosy night in',
      'you will be rooting for these two from the first scene',
      'it makes falling in love look effortless',
    ],
  },
  fantasy: {
    adjective: 'most enchanting',
    promises: [
      'it opens the door to a world full of wonder',
      'its magic feels real from the first minute',
      'it is an escape you will not want to end',
      'every frame looks like a painting come alive',
      'it delivers the kind of epic you grew up dreaming of',
    ],
  },
  kids: {
    adjective: 'most delightful',
    promises: [
      'the whole family will love it',
      'it is full of heart and big laughs',
      'grown-ups will enjoy it as much as the kids',
      'it is the movie night everyone agrees on',
      'it will have everyone singing along',
    ],
  },
  animation: {
    adjective: 'most stunning animated',
    promises: [
      'every frame is a work of art',
      'it proves animation can do anything',
      'its visuals will blow you away',
      'it packs more feeling into a scene than most films manage in two hours',
      'you will want to pause just to look at it',
    ],
  },
  documentary: {
    adjective: 'most eye-opening',
    promises: [
      'it will change how you see the world',
      'the true story is stranger than any fiction',
      'you will be telling everyone what you learned',
      'it is as gripping as any thriller',
      'it shows what no script could invent',
    ],
  },
  history: {
    adjective: 'most epic historical',
    promises: [
      'it brings the past roaring back to life',
      'it makes history feel urgent and alive',
      'its scale and detail are breathtaking',
      'it tells a chapter of history you will not forget',
      'it puts you right inside the moment',
    ],
  },
  war: {
    adjective: 'most powerful war',
    promises: [
      'it shows the true cost of combat',
      'it is intense, harrowing and unforgettable',
      'it puts you in the trenches with its soldiers',
      'it honours the people who lived it',
      'you will not forget its final scenes',
    ],
  },
  western: {
    adjective: 'most gritty',
    promises: [
      'it is dust, grit and pure frontier tension',
      'every showdown in it is worth the wait',
      'it reinvents the frontier for a new age',
      'its landscapes are as unforgiving as its heroes',
      'it rides into legend and never looks back',
    ],
  },
  music: {
    adjective: 'most electrifying',
    promises: [
      'the soundtrack alone is worth it',
      'it will have you turning the volume all the way up',
      'every performance in it gives you chills',
      'it celebrates music like nothing else',
      'you will leave humming it for days',
    ],
  },
  sport: {
    adjective: 'most inspiring',
    promises: [
      'it will have you cheering out loud',
      'it captures what it takes to win',
      'every match in it feels like a final',
      'it proves the underdog story never gets old',
      'it is pure heart and determination',
    ],
  },
  reality: {
    adjective: 'most bingeable',
    promises: [
      'you will not be able to stop at one episode',
      'the drama is too good to be scripted',
      'it is the ultimate guilty pleasure',
      'it gets everyone talking the next morning',
      'it is impossible to look away from',
    ],
  },
};

export function genreVoice(genre: GenreId): GenreVoice {
  return VOICES[genre];
}
