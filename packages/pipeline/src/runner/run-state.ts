import type { Cache } from '@streamgank/cache';
import type { Catalog } from '../catalog/catalog-data.js';
import type { Movie } from '../catalog/movie.js';
import type { RunRequest } from '../catalog/resolve-request.js';
import type { RenderContext } from '../render/render-context.js';
import type { PipelineSettings } from '../settings.js';
import type { BlobFiles } from './blob-files.js';

/** What every step of one run shares. */
export interface RunState {
  readonly request: RunRequest;
  /** The three parameters that name every entry of this run (`US`, `Horror`, `Netflix`). */
  readonly parameters: { readonly country: string; readonly genre: string; readonly platform: string };
  readonly settings: PipelineSettings;
  readonly cache: Cache;
  readonly catalog: Catalog;
  /** The titles the catalog step will record, chosen up front so that a bad request fails before any work. */
  readonly selected: readonly Movie[];
  readonly files: BlobFiles;
  readonly signal: AbortSignal | undefined;
  /** Print why each step was served or produced. */
  readonly explain: boolean;
  /** FFmpeg, fonts and scratch space, found on first use (a run served from the cache never needs them). */
  media(): RenderContext;
}
