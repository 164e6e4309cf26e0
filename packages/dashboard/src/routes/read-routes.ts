import type { ActivityCounts, Cache, InspectedEntry } from '@streamgank/cache';
import { isEntryFileName } from '@streamgank/cache';
import { HttpError } from '../http/responses.js';
import { isInlineMediaType } from './blob-route.js';

export interface HourlyActivity extends ActivityCounts {
  /** The hour's start, epoch milliseconds. */
  readonly hour_start: number;
}

export interface ActivityView {
  /** Oldest hour first; only hours with events. */
  readonly hourly: HourlyActivity[];
  /** Newest event first. */
  readonly recent: ReturnType<Cache['recentActivity']>;
}

export function activityView(cache: Cache): ActivityView {
  const hourly = Object.entries(cache.activity().hourly)
    .map(([hour, counts]) => ({ hour_start: Number(hour), ...counts }))
    .sort((a, b) => a.hour_start - b.hour_start);
  return { hourly, recent: cache.recentActivity(50).reverse() };
}

export interface BlobView {
  readonly sha256: string;
  readonly bytes: number;
  readonly media_type: string;
  readonly present: boolean;
  /** How the page should show it: an image, a video, or a download link. */
  readonly kind: 'image' | 'video' | 'audio' | 'download';
  readonly url: string;
}

export interface EntryView extends InspectedEntry {
  readonly blobs: BlobView[];
}

export function entryView(cache: Cache, name: string): EntryView {
  if (!isEntryFileName(name)) {
    throw new HttpError(
      400,
      'Bad entry name: expected a cache entry file name such as script_result_us_horror_netflix.json.',
    );
  }
  const entry = cache.inspect(name);
  if (!entry) throw new HttpError(404, `No cache entry named ${name}.`);
  const blobs = (entry.metadata?.blobs ?? []).map((blob): BlobView => ({
    sha256: blob.sha256,
    bytes: blob.bytes,
    media_type: blob.media_type,
    present: cache.hasBlob(blob),
    kind: blobKind(blob.media_type),
    url: `/blobs/${blob.sha256}`,
  }));
  return { ...entry, blobs };
}

export function blobKind(mediaType: string): BlobView['kind'] {
  if (!isInlineMediaType(mediaType)) return 'download';
  if (mediaType.startsWith('image/')) return 'image';
  return mediaType.startsWith('video/') ? 'video' : 'audio';
}
