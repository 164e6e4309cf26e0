import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { isNotFoundError } from '../errors.js';

/**
 * Append records as lines, all in one O_APPEND write, and return the file's size after it. One
 * write each, so concurrent appenders never interleave inside a line.
 */
export function appendJsonLines(path: string, records: readonly unknown[]): number {
  return appendText(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/**
 * Append whole lines in one O_APPEND write and return the file's size after it. The file's own
 * directory is made if missing, never its parents: a cache directory removed by a person (or a
 * test's cleanup) must not come back for a line of bookkeeping.
 */
export function appendText(path: string, text: string): number {
  const line = Buffer.from(text);
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
    mkdirSync(dirname(path));
    fd = openSync(path, 'a');
  }
  try {
    // One write for a regular file in practice; a short one (a signal, a full disk) goes on where it stopped.
    for (let written = 0; written < line.length;) written += writeSync(fd, line, written);
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/**
 * Every whole record of a JSON-lines file. Parsed as one array (much faster than a parse per
 * line); if any line is damaged (a writer killed mid-line) the lines are parsed one by one and
 * the damaged ones skipped.
 */
export function readJsonLines<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isNotFoundError(error)) return [];
    throw error;
  }
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline < 0) return [];
  const body = text.slice(0, lastNewline);
  try {
    return JSON.parse(`[${body.replace(/\n/g, ',')}]`) as T[];
  } catch {
    const records: T[] = [];
    for (const line of body.split('\n')) {
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // A torn or foreign line: skip it, the rest still counts.
      }
    }
    return records;
  }
}

export function readJsonFile<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
