/** Variables whose values are credentials: never printed, logged or written to the cache. */
export const SECRET_VARIABLES = ['OPENAI_API_KEY', 'CLOUDINARY_URL'] as const;

/** The secret values in an environment, and the parts of them that could appear on their own. */
export function secretValuesOf(env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = env[name]?.trim();
    if (!value) continue;
    values.push(value);
    // An SDK error may quote the API secret of a cloudinary://key:secret@cloud URL without the rest.
    const secret = /^cloudinary:\/\/[^:]*:([^@]+)@/.exec(value)?.[1];
    if (secret) values.push(secret);
  }
  return values.filter((value) => value.length >= 4);
}

/** `text` with every secret value replaced, longest first so that no part of one survives. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join('***');
  return result;
}
