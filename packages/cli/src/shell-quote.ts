/** `value` as one word for a POSIX shell: left alone when it is plain, single-quoted otherwise. */
export function shellQuote(value: string): string {
  return /^[\p{L}\p{N}_@%+=:,./-]+$/u.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A command line a user can copy, e.g. `streamgank run --genre 'Action & Aventure'`. */
export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
