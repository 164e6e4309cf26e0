import type { TextPart } from '@streamgank/cache';
import type { Colors } from '../../../colors.js';

/** Unchanged text longer than this is shortened to its two ends, so a long script shows its changes, not its bulk. */
const KEPT_WORDS_CHARS = 160;
const KEPT_CONTEXT_LINES = 2;

/**
 * A text diff for a person: word by word inline, or line by line when the text has lines. On a
 * terminal removed text is red and struck through, added text green; off a terminal (or with
 * NO_COLOR) the marks are git's plain ones: `[-removed-]{+added+}`, and `-`/`+` before lines.
 */
export function renderTextDiff(parts: readonly TextPart[], colors: Colors, indent: string): string {
  const byLine = parts.some((part) => part.op !== '=' && part.text.includes('\n'));
  return byLine
    ? renderLines(parts, colors, indent)
    : indent + renderWords(parts, colors).replace(/\n/g, `\n${indent}`);
}

function renderWords(parts: readonly TextPart[], colors: Colors): string {
  return parts
    .map((part, index) => {
      if (part.op === '=') return shortenKept(part.text, index === 0, index === parts.length - 1);
      if (!colors.isColorSupported) return part.op === '-' ? `[-${part.text}-]` : `{+${part.text}+}`;
      return part.op === '-' ? colors.red(colors.strikethrough(part.text)) : colors.green(part.text);
    })
    .join('');
}

function shortenKept(text: string, first: boolean, last: boolean): string {
  if (text.length <= KEPT_WORDS_CHARS) return text;
  const half = KEPT_WORDS_CHARS / 2;
  if (first) return `…${text.slice(-half)}`;
  if (last) return `${text.slice(0, half)}…`;
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}

function renderLines(parts: readonly TextPart[], colors: Colors, indent: string): string {
  const out: string[] = [];
  parts.forEach((part, index) => {
    const lines = part.text.replace(/\n$/, '').split('\n');
    if (part.op === '=') {
      out.push(...keptLines(lines, index === 0, index === parts.length - 1).map((line) => `${indent}  ${line}`));
      return;
    }
    const paint = part.op === '-' ? colors.red : colors.green;
    out.push(...lines.map((line) => indent + paint(`${part.op} ${line}`)));
  });
  return out.join('\n');
}

/** Unchanged lines around a change: a few on each side, the rest counted. */
function keptLines(lines: readonly string[], first: boolean, last: boolean): string[] {
  const before = first ? 0 : KEPT_CONTEXT_LINES;
  const after = last ? 0 : KEPT_CONTEXT_LINES;
  if (lines.length <= before + after + 1) return [...lines];
  const hidden = lines.length - before - after;
  return [...lines.slice(0, before), `… ${hidden} unchanged lines …`, ...lines.slice(lines.length - after)];
}
