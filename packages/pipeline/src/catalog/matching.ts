/**
 * The form two names are compared in: case, accents, spacing and punctuation do not matter, and
 * "&" reads as "and", "+" as "plus" ("mystere & thriller" = "Mystère & Thriller", "Disney Plus" = "Disney+").
 */
export function matchKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, '');
}
