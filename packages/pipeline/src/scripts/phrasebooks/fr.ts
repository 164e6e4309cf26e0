import type { GenreId } from '../../catalog/genres.js';
import type { HookFacts, LineFacts, Phrasebook } from './phrasebook.js';

const NUMBER_WORDS = ['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
const ORDINALS = [
  'première',
  'deuxième',
  'troisième',
  'quatrième',
  'cinquième',
  'sixième',
  'septième',
  'huitième',
  'neuvième',
  'dixième',
];

const ordinal = (rank: number) => ORDINALS[rank] ?? `${rank + 1}e`;

/**
 * What makes each genre stand out, as a relative clause ("qui font le plus frissonner"): a verb
 * agrees with one title or several, where an adjective would also have to agree with film or série.
 */
const MOODS: Readonly<Record<GenreId, { readonly many: string; readonly one: string }>> = {
  horror: { many: 'qui font le plus frissonner', one: 'qui fait le plus frissonner' },
  comedy: { many: 'qui font le plus rire', one: 'qui fait le plus rire' },
  drama: { many: 'qui bouleversent le plus', one: 'qui bouleverse le plus' },
  action: { many: 'qui décoiffent le plus', one: 'qui décoiffe le plus' },
  scifi: { many: 'qui retournent le plus le cerveau', one: 'qui retourne le plus le cerveau' },
  mystery: { many: 'qui tiennent le plus en haleine', one: 'qui tient le plus en haleine' },
  crime: { many: 'qui rendent le plus accro', one: 'qui rend le plus accro' },
  romance: { many: 'qui font le plus fondre', one: 'qui fait le plus fondre' },
  fantasy: { many: 'qui font le plus rêver', one: 'qui fait le plus rêver' },
  kids: { many: 'qui plaisent le plus aux familles', one: 'qui plaît le plus aux familles' },
  animation: { many: 'qui éblouissent le plus', one: 'qui éblouit le plus' },
  documentary: { many: 'qui ouvrent le plus les yeux', one: 'qui ouvre le plus les yeux' },
  history: { many: "qui font le mieux revivre l'histoire", one: "qui fait le mieux revivre l'histoire" },
  war: { many: 'qui marquent le plus', one: 'qui marque le plus' },
  western: { many: 'qui sentent le plus la poudre', one: 'qui sent le plus la poudre' },
  music: { many: 'qui électrisent le plus', one: 'qui électrise le plus' },
  sport: { many: 'qui motivent le plus', one: 'qui motive le plus' },
  reality: { many: "qu'on dévore le plus", one: "qu'on dévore le plus" },
};

/** "les trois films de la catégorie Horreur qui font le plus frissonner" */
function listOf(facts: HookFacts): string {
  const one = facts.count === 1;
  const mood = one ? MOODS[facts.genreId].one : MOODS[facts.genreId].many;
  const kind =
    facts.contentType === 'Film'
      ? one
        ? 'le film'
        : 'films'
      : facts.contentType === 'Série'
        ? one
          ? 'la série'
          : 'séries'
        : one
          ? 'le titre'
          : 'titres';
  const head = one ? kind : `les ${NUMBER_WORDS[facts.count - 1] ?? String(facts.count)} ${kind}`;
  return `${head} de la catégorie ${facts.genre} ${mood}`;
}

export const french: Phrasebook = {
  hooks: [
    (h) => `Voici ${listOf(h)} sur ${h.platform} en ce moment, d'après les notes IMDb !`,
    (h) => `Vous cherchez quoi regarder ? StreamGank a sélectionné ${listOf(h)} sur ${h.platform}.`,
    (h) => `Arrêtez de scroller : sur ${h.platform}, voici ${listOf(h)}.`,
  ],
  lines: [
    (f: LineFacts) =>
      `Découvrez ${f.title}, ${f.series ? 'sortie' : 'sorti'} en ${f.year} : ${f.score} sur IMDb, et ${f.promise}.`,
    (f) => `${f.title} obtient ${f.score} de moyenne auprès de ${f.votes} votants sur IMDb, et ${f.promise}.`,
    (f) =>
      `À la ${ordinal(f.rank)} place, ${f.title} montre pourquoi les abonnés de ${f.platform} en redemandent : ${f.promise}.`,
    (f) => `Ne passez pas à côté de ${f.title} : les fans lui donnent ${f.score} sur 10, et ${f.promise}.`,
    (f) =>
      `Vient ensuite ${f.title}, ${f.series ? `une série de ${f.year} notée` : `un film de ${f.year} noté`} ${f.score}, et ${f.promise}.`,
    (f) => `Tout le monde parle de ${f.title} sur ${f.platform} ; avec ${f.score} sur IMDb, ${f.promise}.`,
    (f) => `Lancez ${f.title} ce soir, car ${f.promise}, avec ${f.score} sur IMDb.`,
    (f) =>
      `${f.title} prend la ${ordinal(f.rank)} place grâce à ${f.votes} votes et une note de ${f.score}, et ${f.promise}.`,
    (f) => `Offrez une soirée à ${f.title} et vous comprendrez sa note de ${f.score} : ${f.promise}.`,
    (f) => `Faites de la place pour ${f.title}, avec sa note de ${f.score}, car ${f.promise}.`,
  ],
  promises: {
    horror: [
      'vous dormirez avec la lumière allumée',
      'chaque craquement de la maison vous fera sursauter ensuite',
      "la peur ne vous lâche plus jusqu'à la dernière image",
      'une soirée ordinaire se transforme en pure angoisse',
      "c'est le frisson dont tous vos amis vont parler",
    ],
    comedy: [
      'vous allez citer ses répliques pendant des semaines',
      "c'est le fou rire le plus facile du mois",
      "les gags s'enchaînent sans jamais s'essouffler",
      "c'est le remède idéal après une longue semaine",
      'vous voudrez le revoir entre amis',
    ],
    drama: [
      "l'histoire vous hante longtemps après le générique",
      'chaque interprétation frappe juste',
      "l'émotion y est toujours méritée",
      "c'est le genre d'histoire dont on débat pendant des jours",
      'vous ne regarderez pas votre téléphone une seule fois',
    ],
    action: [
      'les scènes spectaculaires vous couperont le souffle',
      'le rythme ne ralentit jamais',
      "c'est de l'adrénaline pure du début à la fin",
      'chaque combat surpasse le précédent',
      "c'est fait pour le plus grand écran de la maison",
    ],
    scifi: [
      "votre vision de l'avenir ne sera plus la même",
      'les idées sont aussi vastes que les images',
      'vous allez le décortiquer longtemps après la fin',
      "c'est un monde qu'on ne veut plus quitter",
      "les questions posées sont celles qu'on évite d'habitude",
    ],
    mystery: [
      'vous ne devinerez pas le rebondissement',
      'chaque indice vous entraîne un peu plus loin',
      'vous resterez au bord de votre siège',
      "l'intrigue joue franc jeu et vous surprend quand même",
      "vous allez soupçonner tout le monde à l'écran",
    ],
    crime: [
      'la pègre y est montrée sans détour',
      'chaque affaire peut mal tourner à tout moment',
      'vous allez soutenir des personnages peu recommandables',
      "c'est nerveux, tendu et impossible à arrêter",
      'le crime y devient dangereusement fascinant',
    ],
    romance: [
      'même les cœurs les plus durs vont fondre',
      "l'alchimie entre les personnages crève l'écran",
      "c'est le choix parfait pour une soirée cocooning",
      'vous soutiendrez ce couple dès la première scène',
      "tomber amoureux n'a jamais eu l'air aussi simple",
    ],
    fantasy: [
      "une porte s'ouvre sur un monde plein de merveilles",
      'la magie paraît réelle dès la première minute',
      "c'est une évasion qu'on ne veut pas voir finir",
      'chaque image ressemble à un tableau vivant',
      "c'est l'épopée dont vous rêviez enfant",
    ],
    kids: [
      'toute la famille va adorer',
      "c'est plein de cœur et de grands éclats de rire",
      'les parents vont en profiter autant que les enfants',
      "c'est la soirée film qui met tout le monde d'accord",
      'tout le monde finira par chanter',
    ],
    animation: [
      "chaque image est une œuvre d'art",
      "l'animation prouve qu'elle peut tout faire",
      'le spectacle visuel va vous éblouir',
      "une seule scène contient plus d'émotion que bien des films entiers",
      'vous voudrez faire pause juste pour admirer',
    ],
    documentary: [
      'votre regard sur le monde va changer',
      'la réalité y dépasse la fiction',
      'vous raconterez à tout le monde ce que vous avez appris',
      "c'est aussi haletant qu'un thriller",
      "on y voit ce qu'aucun scénariste ne pourrait inventer",
    ],
    history: [
      'le passé reprend vie sous vos yeux',
      "l'histoire y paraît urgente et vivante",
      "l'ampleur et le souci du détail sont à couper le souffle",
      "c'est un chapitre de l'histoire que vous n'oublierez pas",
      'vous êtes plongé au cœur des événements',
    ],
    war: [
      'le vrai prix des combats y est montré',
      "c'est intense, éprouvant et inoubliable",
      'vous êtes dans les tranchées avec les soldats',
      "c'est un hommage à celles et ceux qui l'ont vécu",
      'les dernières scènes resteront gravées',
    ],
    western: [
      "c'est la poussière, la sueur et la tension de la frontière",
      "chaque duel vaut largement l'attente",
      "l'Ouest sauvage y est réinventé",
      'les paysages sont aussi impitoyables que les héros',
      "c'est une chevauchée qui entre dans la légende",
    ],
    music: [
      'la bande originale vaut à elle seule le détour',
      'vous allez monter le son au maximum',
      'chaque performance donne des frissons',
      'la musique y est célébrée comme nulle part ailleurs',
      'vous fredonnerez pendant des jours',
    ],
    sport: [
      'vous allez applaudir devant votre écran',
      'on y voit ce que coûte vraiment la victoire',
      'chaque match a des airs de finale',
      "l'histoire de l'outsider ne vieillit jamais",
      "c'est du cœur et de la détermination à l'état pur",
    ],
    reality: [
      "impossible de s'arrêter après un seul épisode",
      'les rebondissements sont trop beaux pour être écrits',
      "c'est le plaisir coupable par excellence",
      'tout le monde en parle le lendemain matin',
      'impossible de détourner le regard',
    ],
  },
};
