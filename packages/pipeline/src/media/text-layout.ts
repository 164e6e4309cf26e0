/** DejaVu Sans Bold's average advance, as a share of the font size (measured on mixed-case titles). */
const AVERAGE_ADVANCE = 0.6;

/** How many characters of `fontSize` fit in `width` pixels. */
export function charactersPerLine(width: number, fontSize: number): number {
  return Math.max(4, Math.floor(width / (fontSize * AVERAGE_ADVANCE)));
}

/** Greedy word wrap; a word longer than a line is cut. */
export function wrapText(text: string, maxCharacters: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > maxCharacters) {
      if (current) lines.push(current);
      lines.push(rest.slice(0, maxCharacters - 1) + '-');
      rest = rest.slice(maxCharacters - 1);
      current = '';
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= maxCharacters) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  return lines;
}

export interface FittedText {
  readonly lines: string[];
  readonly fontSize: number;
}

/** The largest of `sizes` at which `text` wraps into at most `maxLines` lines of `width` pixels. */
export function fitText(text: string, width: number, maxLines: number, sizes: readonly number[]): FittedText {
  let fitted: FittedText = { lines: [text], fontSize: sizes[sizes.length - 1] ?? 48 };
  for (const fontSize of sizes) {
    const lines = wrapText(text, charactersPerLine(width, fontSize));
    fitted = { lines, fontSize };
    if (lines.length <= maxLines) return fitted;
  }
  const last = fitted.lines.slice(0, maxLines);
  if (fitted.lines.length > maxLines && last.length > 0) last[last.length - 1] = `${last[last.length - 1]}…`;
  return { lines: last, fontSize: fitted.fontSize };
}
