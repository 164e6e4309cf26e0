import type { GenreId } from '../../catalog/genres.js';
import type { HookFacts, LineFacts, Phrasebook } from './phrasebook.js';

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const ordinal = (rank: number) => ORDINALS[rank] ?? `#${rank + 1}`;

/** The superlative a hook uses for each genre. */
const ADJECTIVES: Readonly<Record<GenreId, string>> = {
  horror: 'most spine-chilling',
  comedy: 'funniest',
  drama: 'most gripping',
  action: 'most explosive',
  scifi: 'most mind-bending',
  mystery: 'most nerve-racking',
  crime: 'most addictive',
  romance: 'most swoon-worthy',
  fantasy: 'most enchanting',
  kids: 'most delightful',
  animation: 'most stunning animated',
  documentary: 'most eye-opening',
  history: 'most epic historical',
  war: 'most powerful war',
  western: 'most gritty',
  music: 'most electrifying',
  sport: 'most inspiring',
  reality: 'most bingeable',
};

function kindOf(facts: HookFacts): string {
  if (facts.contentType === 'Film') return facts.count === 1 ? 'film' : 'films';
  if (facts.contentType === 'Série') return 'series';
  return facts.count === 1 ? 'pick' : 'picks';
}

/** "three most spine-chilling Horror films" */
function listOf(facts: HookFacts): string {
  const count = NUMBER_WORDS[facts.count - 1] ?? String(facts.count);
  return `${count} ${ADJECTIVES[facts.genreId]} ${facts.genre} ${kindOf(facts)}`;
}

export const english: Phrasebook = {
  hooks: [
    (h) => `Here are the ${listOf(h)} on ${h.platform} right now, ranked by IMDb!`,
    (h) => `Looking for your next watch? StreamGank picked the ${listOf(h)} streaming on ${h.platform}.`,
    (h) => `Stop scrolling: these are the ${listOf(h)} ${h.platform} has to offer.`,
  ],
  lines: [
    (f: LineFacts) => `Meet ${f.title} from ${f.year}: a ${f.score} on IMDb, and ${f.promise}.`,
    (f) => `${f.title} holds a ${f.score} rating from ${f.votes} IMDb voters, and ${f.promise}.`,
    (f) =>
      `In ${ordinal(f.rank)} place, ${f.title} (${f.year}) proves why ${f.platform} subscribers keep pressing play: ${f.promise}.`,
    (f) => `Don't skip ${f.title}: fans rate it ${f.score} out of 10, and ${f.promise}.`,
    (f) =>
      `Then there is ${f.title}, a ${f.year} ${f.series ? 'series' : 'film'} scoring ${f.score}, where ${f.promise}.`,
    (f) => `Everyone is talking about ${f.title} on ${f.platform}; with a ${f.score} on IMDb, ${f.promise}.`,
    (f) => `Queue up ${f.title} tonight, because ${f.promise} (IMDb ${f.score}).`,
    (f) => `${f.title} takes ${ordinal(f.rank)} place with ${f.votes} votes behind its ${f.score}, and ${f.promise}.`,
    (f) => `Give ${f.title} from ${f.year} one evening and you will see why it scores ${f.score}: ${f.promise}.`,
    (f) => `Make room for ${f.title}, rated ${f.score}, because ${f.promise}.`,
  ],
  promises: {
    horror: [
      'it will have you sleeping with the lights on',
      'every creak in your house will sound different afterwards',
      'it turns an ordinary night into pure dread',
      'the tension never lets go until the very last frame',
      'it is the scare your group chat will not stop talking about',
    ],
    comedy: [
      'you will be quoting it for weeks',
      'it is the easiest laugh you will have all month',
      'it lands joke after joke without running out of breath',
      'it is the cure for a long week',
      'you will want to watch it again with friends',
    ],
    drama: [
      'it stays with you long after the credits',
      'every performance in it hits hard',
      'it earns every emotion it asks of you',
      'it is the kind of story people argue about for days',
      'you will not look at your phone once',
    ],
    action: [
      'the set pieces will leave you breathless',
      'it never takes its foot off the gas',
      'it is pure adrenaline from start to finish',
      'every fight scene tops the one before it',
      'it is built for the biggest screen you own',
    ],
    scifi: [
      'it will rewire how you think about the future',
      'its ideas are as big as its visuals',
      'you will be decoding it long after it ends',
      'it builds a world you will not want to leave',
      'it asks the questions other stories avoid',
    ],
    mystery: [
      'you will not guess the twist',
      'every clue pulls you one step deeper',
      'it keeps you on the edge of your seat',
      'it plays fair and still outsmarts you',
      'you will be second-guessing everyone on screen',
    ],
    crime: [
      'it shows the underworld without blinking',
      'every deal in it could go wrong at any second',
      'you will be rooting for people you should not',
      'it is sharp, tense and impossible to stop',
      'it makes crime look dangerously compelling',
    ],
    romance: [
      'it will melt even the coldest heart',
      'the chemistry is off the charts',
      'it is the perfect pick for a cosy night in',
      'you will be rooting for these two from the first scene',
      'it makes falling in love look effortless',
    ],
    fantasy: [
      'it opens the door to a world full of wonder',
      'its magic feels real from the first minute',
      'it is an escape you will not want to end',
      'every frame looks like a painting come alive',
      'it delivers the kind of epic you grew up dreaming of',
    ],
    kids: [
      'the whole family will love it',
      'it is full of heart and big laughs',
      'grown-ups will enjoy it as much as the kids',
      'it is the movie night everyone agrees on',
      'it will have everyone singing along',
    ],
    animation: [
      'every frame is a work of art',
      'it proves animation can do anything',
      'its visuals will blow you away',
      'it packs more feeling into a scene than most films manage in two hours',
      'you will want to pause just to look at it',
    ],
    documentary: [
      'it will change how you see the world',
      'the true story is stranger than any fiction',
      'you will be telling everyone what you learned',
      'it is as gripping as any thriller',
      'it shows what no script could invent',
    ],
    history: [
      'it brings the past roaring back to life',
      'it makes history feel urgent and alive',
      'its scale and detail are breathtaking',
      'it tells a chapter of history you will not forget',
      'it puts you right inside the moment',
    ],
    war: [
      'it shows the true cost of combat',
      'it is intense, harrowing and unforgettable',
      'it puts you in the trenches with its soldiers',
      'it honours the people who lived it',
      'you will not forget its final scenes',
    ],
    western: [
      'it is dust, grit and pure frontier tension',
      'every showdown in it is worth the wait',
      'it reinvents the frontier for a new age',
      'its landscapes are as unforgiving as its heroes',
      'it rides into legend and never looks back',
    ],
    music: [
      'the soundtrack alone is worth it',
      'it will have you turning the volume all the way up',
      'every performance in it gives you chills',
      'it celebrates music like nothing else',
      'you will leave humming it for days',
    ],
    sport: [
      'it will have you cheering out loud',
      'it captures what it takes to win',
      'every match in it feels like a final',
      'it proves the underdog story never gets old',
      'it is pure heart and determination',
    ],
    reality: [
      'you will not be able to stop at one episode',
      'the drama is too good to be scripted',
      'it is the ultimate guilty pleasure',
      'it gets everyone talking the next morning',
      'it is impossible to look away from',
    ],
  },
};
