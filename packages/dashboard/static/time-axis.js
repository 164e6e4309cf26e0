import { svg } from './dom.js';
import { widthOf } from './charts.js';

const HOUR_MS = 3_600_000;
const BUCKET_HOURS = [1, 3, 6, 12, 24];
const MAX_BUCKETS = 48;

/** `stats().hourly` (keyed by the hour's start) as rows, oldest first. */
export function hourlyRows(hourly) {
  return Object.entries(hourly ?? {})
    .map(([hour, counts]) => ({ ...counts, hour_start: Number(hour) }))
    .sort((a, b) => a.hour_start - b.hour_start);
}

/**
 * Buckets small enough to read, few enough to draw: the whole recorded span (at least the last
 * 24 hours), at most 48 columns. Every time chart uses the same buckets, so their columns line up.
 */
export function activityBuckets(rows, now = Date.now()) {
  const end = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const earliest = rows.length > 0 ? Math.min(rows[0].hour_start, end - 24 * HOUR_MS) : end - 24 * HOUR_MS;
  const spanHours = Math.min((end - earliest) / HOUR_MS, 90 * 24);
  const bucketHours = BUCKET_HOURS.find((hours) => spanHours / hours <= MAX_BUCKETS) ?? 24;
  const bucketMs = bucketHours * HOUR_MS;
  const count = Math.ceil(spanHours / bucketHours);
  const alignedEnd = Math.ceil(end / bucketMs) * bucketMs;
  const start = alignedEnd - count * bucketMs;
  const buckets = Array.from({ length: count }, (_, index) => ({
    start: start + index * bucketMs,
    hit: 0,
    miss: 0,
    other: 0,
    time_saved_ms: 0,
    cost_saved_usd: 0,
  }));
  for (const hour of rows) {
    const bucket = buckets[Math.floor((hour.hour_start - start) / bucketMs)];
    if (!bucket) continue;
    bucket.hit += hour.hit;
    bucket.miss += hour.miss;
    bucket.other += hour.stale + hour.corrupt;
    bucket.time_saved_ms += hour.time_saved_ms ?? 0;
    bucket.cost_saved_usd += hour.cost_saved_usd ?? 0;
  }
  for (const bucket of buckets) bucket.lookups = bucket.hit + bucket.miss + bucket.other;
  return { buckets, bucketHours };
}

/** "(last 24 hours, per hour)" */
export function rangeText({ buckets, bucketHours }) {
  const hours = buckets.length * bucketHours;
  const span = hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
  return `(last ${span}, ${bucketHours === 1 ? 'per hour' : `per ${bucketHours} h`})`;
}

/**
 * The frame every time chart is drawn in: grid lines and labels at 0, half and the top of the
 * scale, and a time label under every few columns. Returns the svg and where things go in it.
 */
export function timeFrame(container, { buckets, bucketHours }, { className, height, max, tickLabel, left = 36 }) {
  const width = widthOf(container);
  const top = 8;
  const bottom = 22;
  const plotHeight = height - bottom - top;
  const slot = (width - left - 4) / buckets.length;
  const y = (value) => top + plotHeight - (value / max) * plotHeight;
  const chart = svg('svg', { width, height, class: `timeline ${className}`, role: 'img' });
  for (const tick of [0, max / 2, max]) {
    chart.append(
      svg('line', { x1: left, x2: width - 4, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: left - 6, y: y(tick) + 4, class: 'axis', 'text-anchor': 'end' }, tickLabel(tick)),
    );
  }
  const labelEvery = Math.ceil(buckets.length / Math.max(2, Math.min(8, Math.floor((width - left) / 60))));
  buckets.forEach((bucket, index) => {
    if (index % labelEvery !== 0) return;
    chart.append(
      svg(
        'text',
        { x: left + index * slot + slot / 2, y: height - 6, class: 'axis', 'text-anchor': 'middle' },
        timeLabel(bucket.start, bucketHours),
      ),
    );
  });
  return { chart, slot, y, x: (index) => left + index * slot, baseline: top + plotHeight };
}

/** A round top for a scale: 4, 5, 6, 8, 10, 12, 15, 20… (never below 4, so small counts keep a half-way tick). */
export function niceMax(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function timeLabel(epochMs, bucketHours) {
  const date = new Date(epochMs);
  if (bucketHours >= 24 || (date.getHours() === 0 && bucketHours > 1))
    return `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${pad(date.getHours())}:00`;
}

/** A bucket as a tooltip names it: "2026-11-26 14:00 (+1 h)". */
export function bucketLabel(epochMs, bucketHours) {
  const date = new Date(epochMs);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return bucketHours >= 24 ? day : `${day} ${pad(date.getHours())}:00 (+${bucketHours} h)`;
}
