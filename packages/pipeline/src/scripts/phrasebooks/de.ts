import type { GenreId } from '../../catalog/genres.js';
import type { HookFacts, LineFacts, Phrasebook } from './phrasebook.js';

const NUMBER_WORDS = ['eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn'];

/** "Platz zwei": German ranks read as a number after "Platz". */
const place = (rank: number) => `Platz ${rank === 0 ? 'eins' : (NUMBER_WORDS[rank] ?? String(rank + 1))}`;

/**
 * The superlative stem of each genre ("gruseligst"): after a definite article it ends in -e for
 * one title (der gruseligste Film) and -en for several (die drei gruseligsten Filme).
 */
const SUPERLATIVES: Readonly<Record<GenreId, string>> = {
  horror: 'gruseligst',
  comedy: 'lustigst',
  drama: 'packendst',
  action: 'explosivst',
  scifi: 'faszinierendst',
  mystery: 'spannendst',
  crime: 'fesselndst',
  romance: 'romantischst',
  fantasy: 'zauberhaftest',
  kids: 'schönst',
  animation: 'fantasievollst',
  documentary: 'aufschlussreichst',
  history: 'eindrucksvollst',
  war: 'bewegendst',
  western: 'härtest',
  music: 'mitreißendst',
  sport: 'inspirierendst',
  reality: 'unterhaltsamst',
};

/** "die drei gruseligsten Filme aus der Kategorie Horror" (nominative) */
function listOf(facts: HookFacts): string {
  const stem = SUPERLATIVES[facts.genreId];
  const genre = `aus der Kategorie ${facts.genre}`;
  if (facts.count === 1) {
    const noun =
      facts.contentType === 'Film'
        ? 'der STEM Film'
        : facts.contentType === 'Série'
          ? 'die STEM Serie'
          : 'der STEM Titel';
    return `${noun.replace('STEM', `${stem}e`)} ${genre}`;
  }
  const kind = facts.contentType === 'Film' ? 'Filme' : facts.contentType === 'Série' ? 'Serien' : 'Titel';
  return `die ${NUMBER_WORDS[facts.count - 1] ?? String(facts.count)} ${stem}en ${kind} ${genre}`;
}

const are = (facts: HookFacts) => (facts.count === 1 ? 'ist' : 'sind');

/** The relative pronoun for what listOf names, as an object: den Film, die Serie, die Filme. */
const which = (facts: HookFacts) => (facts.count === 1 && facts.contentType !== 'Série' ? 'den' : 'die');

export const german: Phrasebook = {
  hooks: [
    (h) => `Hier ${are(h)} ${listOf(h)} auf ${h.platform}, sortiert nach IMDb!`,
    (h) =>
      `Du suchst etwas Neues? Das ${are(h)} ${listOf(h)}, ${which(h)} StreamGank auf ${h.platform} für dich gefunden hat.`,
    (h) => `Hör auf zu scrollen: Das ${are(h)} ${listOf(h)}, ${which(h)} ${h.platform} gerade zu bieten hat.`,
  ],
  lines: [
    (f: LineFacts) => `Hier kommt ${f.title} aus dem Jahr ${f.year}: ${f.score} auf IMDb, und ${f.promise}.`,
    (f) => `${f.title} hat eine Wertung von ${f.score} bei ${f.votes} IMDb-Stimmen, und ${f.promise}.`,
    (f) =>
      `Auf ${place(f.rank)} zeigt ${f.title}, warum die Abonnenten von ${f.platform} immer wieder einschalten: ${f.promise}.`,
    (f) => `Verpass auf keinen Fall ${f.title}: Die Fans geben ${f.score} von 10 Punkten, und ${f.promise}.`,
    (f) =>
      `Dann gibt es ${f.title}, ${f.series ? 'eine Serie' : 'einen Film'} aus dem Jahr ${f.year} mit ${f.score} Punkten, und ${f.promise}.`,
    (f) => `Alle reden über ${f.title} auf ${f.platform}; mit ${f.score} auf IMDb gilt: ${f.promise}.`,
    (f) => `Schau dir heute Abend ${f.title} an, denn ${f.promise}, bei ${f.score} auf IMDb.`,
    (f) => `${f.title} belegt ${place(f.rank)} mit ${f.score} Punkten aus ${f.votes} Stimmen, und ${f.promise}.`,
    (f) => `Gönn dir einen Abend mit ${f.title}, und du verstehst die Wertung von ${f.score}: ${f.promise}.`,
    (f) => `Mach Platz für ${f.title} mit ${f.score} Punkten, denn ${f.promise}.`,
  ],
  promises: {
    horror: [
      'danach schläfst du nur noch mit Licht',
      'jedes Knarren im Haus klingt danach anders',
      'die Angst lässt dich bis zum letzten Bild nicht los',
      'ein gewöhnlicher Abend wird zum puren Grauen',
      'deine Freunde werden noch lange darüber reden',
    ],
    comedy: [
      'du wirst die Sprüche noch wochenlang zitieren',
      'leichter wirst du diesen Monat nicht lachen',
      'ein Witz jagt den nächsten, ohne dass die Puste ausgeht',
      'das ist die perfekte Medizin nach einer langen Woche',
      'du willst es sofort noch einmal mit Freunden sehen',
    ],
    drama: [
      'die Geschichte bleibt lange nach dem Abspann bei dir',
      'jede Rolle ist großartig gespielt',
      'jedes Gefühl darin ist ehrlich verdient',
      'über diese Geschichte diskutiert man tagelang',
      'du schaust kein einziges Mal auf dein Handy',
    ],
    action: [
      'die großen Szenen rauben dir den Atem',
      'das Tempo lässt nie nach',
      'das ist pures Adrenalin von Anfang bis Ende',
      'jeder Kampf übertrifft den vorherigen',
      'das gehört auf den größten Bildschirm, den du hast',
    ],
    scifi: [
      'dein Blick auf die Zukunft wird nie mehr derselbe sein',
      'die Ideen sind so groß wie die Bilder',
      'du wirst noch lange danach rätseln',
      'diese Welt willst du nicht mehr verlassen',
      'hier werden die Fragen gestellt, denen andere ausweichen',
    ],
    mystery: [
      'die Wendung errätst du garantiert nicht',
      'jeder Hinweis zieht dich tiefer hinein',
      'du sitzt die ganze Zeit auf der Stuhlkante',
      'das Rätsel spielt fair und überlistet dich trotzdem',
      'am Ende verdächtigst du wirklich jeden',
    ],
    crime: [
      'die Unterwelt wird ohne Beschönigung gezeigt',
      'jeder Deal kann jederzeit schiefgehen',
      'du hältst zu Leuten, denen du nie trauen solltest',
      'das ist scharf, spannend und unmöglich abzuschalten',
      'das Verbrechen wirkt gefährlich faszinierend',
    ],
    romance: [
      'selbst das kälteste Herz schmilzt dahin',
      'die Chemie zwischen den beiden stimmt einfach',
      'das ist genau das Richtige für einen gemütlichen Abend',
      'du fieberst ab der ersten Szene mit diesem Paar mit',
      'Verlieben sah noch nie so leicht aus',
    ],
    fantasy: [
      'eine Tür öffnet sich in eine Welt voller Wunder',
      'die Magie wirkt ab der ersten Minute echt',
      'diese Flucht aus dem Alltag soll nie enden',
      'jedes Bild sieht aus wie ein lebendiges Gemälde',
      'das ist das Epos, von dem du als Kind geträumt hast',
    ],
    kids: [
      'die ganze Familie wird es lieben',
      'es steckt voller Herz und großer Lacher',
      'die Großen haben genauso viel Spaß wie die Kleinen',
      'bei diesem Filmabend sind sich alle einig',
      'am Ende singen alle mit',
    ],
    animation: [
      'jedes Bild ist ein Kunstwerk',
      'hier zeigt Animation, dass sie alles kann',
      'die Bilder werden dich umhauen',
      'eine Szene hat mehr Gefühl als manch ganzer Film',
      'du willst nur zum Staunen auf Pause drücken',
    ],
    documentary: [
      'dein Blick auf die Welt wird sich verändern',
      'die Wirklichkeit ist hier seltsamer als jede Fiktion',
      'du erzählst danach allen, was du gelernt hast',
      'das ist so packend wie jeder Thriller',
      'hier siehst du, was kein Drehbuch erfinden könnte',
    ],
    history: [
      'die Vergangenheit wird mit voller Wucht lebendig',
      'Geschichte fühlt sich hier dringend und lebendig an',
      'Umfang und Detailtreue sind atemberaubend',
      'dieses Kapitel der Geschichte vergisst du nicht',
      'du stehst mitten im Geschehen',
    ],
    war: [
      'der wahre Preis des Krieges wird sichtbar',
      'das ist intensiv, erschütternd und unvergesslich',
      'du liegst mit den Soldaten im Schützengraben',
      'es ehrt die Menschen, die das erlebt haben',
      'die letzten Szenen vergisst du nicht',
    ],
    western: [
      'hier gibt es Staub, Schweiß und pure Spannung an der Grenze',
      'jedes Duell ist das Warten wert',
      'der Wilde Westen wird neu erfunden',
      'die Landschaften sind so gnadenlos wie die Helden',
      'dieser Ritt geht direkt in die Legende ein',
    ],
    music: [
      'allein der Soundtrack lohnt sich',
      'du drehst die Lautstärke ganz nach oben',
      'jeder Auftritt sorgt für Gänsehaut',
      'die Musik wird gefeiert wie nirgendwo sonst',
      'du summst die Lieder noch tagelang',
    ],
    sport: [
      'du wirst vor dem Bildschirm laut jubeln',
      'hier siehst du, was es zum Sieg braucht',
      'jedes Spiel fühlt sich wie ein Finale an',
      'die Geschichte vom Außenseiter wird nie alt',
      'das ist pures Herz und pure Entschlossenheit',
    ],
    reality: [
      'bei einer Folge bleibt es garantiert nicht',
      'das Drama ist zu gut, um ausgedacht zu sein',
      'das ist das ultimative Guilty Pleasure',
      'am nächsten Morgen reden alle darüber',
      'du kannst einfach nicht wegschauen',
    ],
  },
};
