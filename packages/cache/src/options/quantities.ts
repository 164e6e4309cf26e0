import { InvalidQuantityError } from '../errors.js';

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1024,
  k: 1024,
  mb: 1024 ** 2,
  m: 1024 ** 2,
  gb: 1024 ** 3,
  g: 1024 ** 3,
  tb: 1024 ** 4,
};

/** An age as milliseconds: a number is milliseconds already; "30d", "12h", "90m", "45s", "2w". */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new InvalidQuantityError(value, 'a duration such as 30d, 12h, 90m or 45s');
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/i.exec(value);
  if (!match) throw new InvalidQuantityError(value, 'a duration such as 30d, 12h, 90m or 45s');
  return Number(match[1]) * (DURATION_UNITS[(match[2] as string).toLowerCase()] as number);
}

/** A size in bytes: a number is bytes already; "500MB", "2GB", "750kb" (binary units). */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new InvalidQuantityError(value, 'a size such as 500MB or 2GB');
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?|[kmg])\s*$/i.exec(value);
  const unit = SIZE_UNITS[(match?.[2] || 'b').toLowerCase()];
  if (!match || unit === undefined) throw new InvalidQuantityError(value, 'a size such as 500MB or 2GB');
  return Math.round(Number(match[1]) * unit);
}

export function toMegabytes(bytes: number): number {
  // Whole hundredths in small-integer arithmetic where it is exact (`list` calls this 10,000 times
  // in a fresh process, and each floating-point step there is a new heap number); the same result.
  if (bytes >= 0 && bytes <= 21_000_000 && (bytes | 0) === bytes) return ((bytes * 100 + 524_288) >> 20) / 100;
  return Math.round((bytes / 1024 ** 2) * 100) / 100;
}

/** "2024-01-07 15:30:00" in local time, as the seed's `saved_datetime`. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
