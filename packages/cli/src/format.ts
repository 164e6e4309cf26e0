import { createRequire } from 'node:module';
import bytes from 'bytes';

/** "512 B", "1.4 KB", "23.1 MB": binary units (1 KB = 1024 B), as `parseSize` reads them. */
export function formatBytes(value: number): string {
  return bytes.format(value, { unitSeparator: ' ', decimalPlaces: 1 }) ?? `${value} B`;
}

/** "0.1 s", "48.1 s", "3 min 12 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "$0.0042": dollars to the hundredth of a cent, since one LLM call costs a fraction of one. */
export function formatUsd(usd: number): string {
  return `$${usd.toFixed(4)}`;
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  readonly align?: 'left' | 'right';
}

/** No borders or padding: columns two spaces apart, as plain as `ls -l`, so that scripts can still cut them. */
const PLAIN_TABLE = {
  chars: {
    top: '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    bottom: '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    left: '',
    'left-mid': '',
    mid: '',
    'mid-mid': '',
    right: '',
    'right-mid': '',
    middle: '  ',
  },
  style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
};

const require = createRequire(import.meta.url);

/**
 * A plain-text table: a header line, then one line per row, each column as wide as its widest
 * cell on screen (cli-table3 measures CJK and emoji as two columns). Loaded on first use, so that
 * `--json` never pays for it.
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const Table = require('cli-table3') as typeof import('cli-table3');
  const table = new Table({
    ...PLAIN_TABLE,
    head: columns.map((column) => column.header),
    colAligns: columns.map((column) => column.align ?? 'left'),
  });
  table.push(...rows.map((row) => columns.map((column) => column.value(row))));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** `text` with control characters escaped, so that a name from someone else's archive cannot drive the terminal. */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
