import { el, svg } from './dom.js';

const HOUR_MS = 3_600_000;
const BUCKET_HOURS = [1, 3, 6, 12, 24];
const MAX_BUCKETS = 48;

function widthOf(container) {
  return Math.max(260, Math.floor(container.clientWidth || 400));
}

function emptyChart(container, text) {
  container.replaceChildren(el('p', { class: 'chart-empty' }, text));
}

/** Horizontal bars, one per row: `{ label, value, text }`, longest first. */
export function drawBarChart(container, rows, { emptyText, className }) {
  if (rows.length === 0) return emptyChart(container, emptyText);
  const width = widthOf(container);
  const rowHeight = 28;
  const labelWidth = Math.min(150, Math.round(width * 0.36));
  const textWidth = 96;
  const barSpace = Math.max(40, width - labelWidth - textWidth - 12);
  const max = Math.max(...rows.map((row) => row.value), 1);
  const chart = svg('svg', { width, height: rows.length * rowHeight + 4, class: `bars ${className}`, role: 'img' });
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    const barWidth = Math.max(2, Math.round((row.value / max) * barSpace));
    chart.append(
      svg(
        'g',
        { class: 'bar-row', 'data-label': row.label, 'data-value': row.value },
        svg('title', {}, `${row.label}: ${row.text}`),
        svg('text', { x: labelWidth - 8, y: y + 15, class: 'bar-label', 'text-anchor': 'end' }, truncate(row.label, 22)),
        svg('rect', { x: labelWidth, y: y + 2, width: barWidth, height: rowHeight - 10, rx: 3, class: 'bar' }),
        svg('text', { x: labelWidth + barWidth + 6, y: y + 15, class: 'bar-value' }, row.text),
      ),
    );
  });
  container.replaceChildren(chart);
}

function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Buckets small enough to read, few enough to draw: the whole recorded span, at most 48 columns. */
export function activityBuckets(hourly, now = Date.now()) {
  const end = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const earliest = hourly.length > 0 ? Math.min(hourly[0].hour_start, end - 24 * HOUR_MS) : end - 24 * HOUR_MS;
  const spanHours = Math.min((end - earliest) / HOUR_MS, 90 * 24);
  const bucketHours = BUCKET_HOURS.find((hours) => spanHours / hours <= MAX_BUCKETS) ?? 24;
  const bucketMs = bucketHours * HOUR_MS;
  const count = Math.ceil(spanHours / bucketHours);
  const alignedEnd = Math.ceil(end / bucketMs) * bucketMs;
  const start = alignedEnd - count * bucketMs;
  const buckets = Array.from({ length: count }, (_, index) => ({ start: start + index * bucketMs, hit: 0, miss: 0, other: 0 }));
  for (const hour of hourly) {
    const bucket = buckets[Math.floor((hour.hour_start - start) / bucketMs)];
    if (!bucket) continue;
    bucket.hit += hour.hit;
    bucket.miss += hour.miss;
    bucket.other += hour.stale + hour.corrupt;
  }
  return { buckets, bucketHours };
}

const SERIES = [
  { key: 'hit', label: 'hits', className: 'series-hit' },
  { key: 'miss', label: 'misses', className: 'series-miss' },
  { key: 'other', label: 'stale or corrupt', className: 'series-other' },
];

/** Stacked columns of hits, misses and stale or corrupt reads per bucket. */
export function drawActivityChart(container, hourly, rangeLabel) {
  const lookups = hourly.reduce((sum, hour) => sum + hour.hit + hour.miss + hour.stale + hour.corrupt, 0);
  if (lookups === 0) {
    rangeLabel.textContent = '';
    return emptyChart(container, 'No lookups recorded yet: run the pipeline to see hits and misses here.');
  }
  const { buckets, bucketHours } = activityBuckets(hourly);
  rangeLabel.textContent = `(last ${formatSpan(buckets.length * bucketHours)}, ${bucketHours === 1 ? 'per hour' : `per ${bucketHours} h`})`;
  const width = widthOf(container);
  const height = 190;
  const left = 36;
  const bottom = 22;
  const plotHeight = height - bottom - 8;
  const slot = (width - left - 4) / buckets.length;
  const max = niceMax(Math.max(...buckets.map((b) => b.hit + b.miss + b.other), 1));
  const scale = (value) => (value / max) * plotHeight;
  const chart = svg('svg', { width, height, class: 'activity', role: 'img' });
  for (const tick of [0, max / 2, max]) {
    const y = 8 + plotHeight - scale(tick);
    chart.append(
      svg('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, Number.isInteger(tick) ? tick : tick.toFixed(1)),
    );
  }
  const labelEvery = Math.ceil(buckets.length / Math.max(2, Math.min(8, Math.floor((width - left) / 60))));
  buckets.forEach((bucket, index) => {
    const x = left + index * slot;
    const group = svg('g', { class: 'column', 'data-start': bucket.start });
    group.append(svg('title', {}, `${bucketLabel(bucket.start, bucketHours)}: ${bucket.hit} hits, ${bucket.miss} misses, ${bucket.other} stale or corrupt`));
    let base = 8 + plotHeight;
    for (const series of SERIES) {
      const value = bucket[series.key];
      if (value === 0) continue;
      const barHeight = scale(value);
      base -= barHeight;
      group.append(svg('rect', { x: x + slot * 0.15, y: base, width: Math.max(1, slot * 0.7), height: barHeight, class: series.className }));
    }
    chart.append(group);
    if (index % labelEvery === 0) {
      chart.append(svg('text', { x: x + slot / 2, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, tickLabel(bucket.start, bucketHours)));
    }
  });
  const legend = el(
    'div',
    { class: 'legend' },
    SERIES.map((series) => el('span', {}, el('i', { class: `swatch ${series.className}` }), series.label)),
  );
  container.replaceChildren(chart, legend);
}

function niceMax(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function tickLabel(epochMs, bucketHours) {
  const date = new Date(epochMs);
  if (bucketHours >= 24 || (date.getHours() === 0 && bucketHours > 1)) return `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${pad(date.getHours())}:00`;
}

function bucketLabel(epochMs, bucketHours) {
  const date = new Date(epochMs);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return bucketHours >= 24 ? day : `${day} ${pad(date.getHours())}:00 (+${bucketHours} h)`;
}

function formatSpan(hours) {
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}
