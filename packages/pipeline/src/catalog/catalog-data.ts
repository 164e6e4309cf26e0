import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { COUNTRY_CODES, type CountryCode } from './countries.js';
import { GENRE_IDS, type GenreId } from './genres.js';
import { packageFile } from '../package-root.js';
import type { TitleType } from './content-types.js';

/* The embedded catalog ships as several JSON files under data/catalog (one per genre family), merged here. */
const catalogDirectory = () => packageFile('data', 'catalog');

/**
 * One title as written in the data files; `on['*']` applies to every country not listed itself.
 * Built on first use: a run reads the shipped files without checking them.
 */
const titleRecordSchema = () =>
  z.strictObject({
    id: z.int().check(z.positive()),
    title: z.string().check(z.minLength(1)),
    year: z.int().check(z.gte(1900), z.lte(2030)),
    type: z.enum(['Film', 'Série']),
    genres: z.array(z.enum(GENRE_IDS)).check(z.minLength(1)),
    imdb: z.tuple([z.number().check(z.gte(1), z.lte(10)), z.int().check(z.positive())]),
    runtime: z.int().check(z.positive()),
    local: z.optional(z.partialRecord(z.enum(COUNTRY_CODES), z.string().check(z.minLength(1)))),
    on: z.partialRecord(z.enum([...COUNTRY_CODES, '*']), z.array(z.string().check(z.minLength(1)))),
  });

export interface CatalogTitle {
  readonly id: number;
  readonly title: string;
  readonly year: number;
  readonly type: TitleType;
  readonly genres: readonly GenreId[];
  readonly imdbScore: number;
  readonly imdbVotes: number;
  readonly runtimeMinutes: number;
  /** The title as it is known in a country, when it differs (`Ça` for `It` in France). */
  readonly localTitles: Readonly<Partial<Record<CountryCode, string>>>;
  readonly platforms: Readonly<Record<CountryCode, readonly string[]>>;
  /** The data file it came from, for error messages. */
  readonly source: string;
}

export interface Catalog {
  readonly titles: readonly CatalogTitle[];
  /** sha256 of the catalog's content: a step's fingerprint changes when the data does. */
  readonly digest: string;
}

function toTitle(record: TitleRecord, source: string): CatalogTitle {
  const everywhere = record.on['*'] ?? [];
  const platforms = {} as Record<CountryCode, readonly string[]>;
  for (const code of COUNTRY_CODES) platforms[code] = record.on[code] ?? everywhere;
  return {
    id: record.id,
    title: record.title,
    year: record.year,
    type: record.type,
    genres: record.genres,
    imdbScore: record.imdb[0],
    imdbVotes: record.imdb[1],
    runtimeMinutes: record.runtime,
    localTitles: record.local ?? {},
    platforms,
    source,
  };
}

type TitleRecord = z.infer<ReturnType<typeof titleRecordSchema>>;

/**
 * Read every data file in `dir`. With `check` (the default) each title is checked against the
 * schema and a bad file throws naming the file and the title.
 */
export function readCatalog(dir: string | URL = catalogDirectory(), { check = true } = {}): Catalog {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const files = readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const hash = createHash('sha256');
  const titles: CatalogTitle[] = [];
  for (const file of files) {
    const text = readFileSync(`${path}/${file}`, 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    const json: unknown = JSON.parse(text);
    let records = json as TitleRecord[];
    if (check) {
      const parsed = z.array(titleRecordSchema()).safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`catalog file ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
      }
      records = parsed.data;
    }
    for (const record of records) titles.push(toTitle(record, file));
  }
  return { titles, digest: `sha256:${hash.digest('hex')}` };
}

let shipped: Catalog | undefined;

/**
 * The catalog shipped in the package, read once per process. Its files are checked against the
 * schema by the catalog tests (and so by CI) rather than on every run: checking 391 titles costs
 * more than the rest of a run served from the cache.
 */
export function embeddedCatalog(): Catalog {
  shipped ??= readCatalog(catalogDirectory(), { check: false });
  return shipped;
}
