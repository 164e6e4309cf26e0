import { emptyChart, legend } from './charts.js';
import { svg } from './dom.js';
import { formatDuration, formatPercent, formatUsd } from './format.js';
import { bucketLabel, niceMax, timeFrame } from './time-axis.js';

const LOOKUP_SERIES = [
  { key: 'hit', label: 'hits', className: 'series-hit' },
  { key: 'miss', label: 'misses', className: 'series-miss' },
  { key: 'other', label: 'stale or corrupt', className: 'series-other' },
];

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Stacked columns of hits, misses and stale or corrupt reads per bucket. */
export function drawActivityChart(container, frame) {
  if (frame.buckets.every((bucket) => bucket.lookups === 0)) {
    return emptyChart(container, 'No lookups recorded yet: run the pipeline to see hits and misses here.');
  }
  const max = niceMax(Math.max(...frame.buckets.map((bucket) => bucket.lookups), 1));
  const { chart, slot, x, y, baseline } = timeFrame(container, frame, {
    className: 'activity',
    height: 190,
    max,
    tickLabel: (tick) => (Number.isInteger(tick) ? tick : tick.toFixed(1)),
  });
  frame.buckets.forEach((bucket, index) => {
    const group = svg('g', { class: 'column', 'data-start': bucket.start, 'data-value': bucket.lookups });
    group.append(
      svg(
        'title',
        {},
        `${bucketLabel(bucket.start, frame.bucketHours)}: ${plural(bucket.hit, 'hit')}, ${plural(bucket.miss, 'miss', 'misses')}, ${bucket.other} stale or corrupt`,
      ),
    );
    let top = baseline;
    for (const series of LOOKUP_SERIES) {
      const value = bucket[series.key];
      if (value === 0) continue;
      const height = baseline - y(value);
      top -= height;
      group.append(
        svg('rect', {
          x: x(index) + slot * 0.15,
          y: top,
          width: Math.max(1, slot * 0.7),
          height,
          class: series.className,
        }),
      );
    }
    chart.append(group);
  });
  container.replaceChildren(chart, legend(LOOKUP_SERIES));
}

const DURATION_UNITS = [
  { ms: 1000, name: 's', below: 120_000 },
  { ms: 60_000, name: 'min', below: 7_200_000 },
  { ms: 3_600_000, name: 'h', below: Infinity },
];

/** A scale in the unit that fits the largest value, so the axis reads "30 s", "2 min" or "1.5 h". */
function durationScale(maxMs) {
  const unit = DURATION_UNITS.find((candidate) => maxMs < candidate.below) ?? DURATION_UNITS[2];
  const top = niceMax(maxMs / unit.ms);
  const label = (ms) => (ms === 0 ? '0' : `${Number((ms / unit.ms).toFixed(1))} ${unit.name}`);
  return { max: top * unit.ms, label };
}

/** Columns of the producing time that hits skipped in each bucket (its money saved in the tooltip). */
export function drawTimeSavedChart(container, frame) {
  if (frame.buckets.every((bucket) => bucket.time_saved_ms === 0)) {
    return emptyChart(container, 'No time saved yet: hits on entries with a recorded producing time show here.');
  }
  const scale = durationScale(Math.max(...frame.buckets.map((bucket) => bucket.time_saved_ms)));
  const { chart, slot, x, y, baseline } = timeFrame(container, frame, {
    className: 'time-saved',
    height: 170,
    max: scale.max,
    tickLabel: scale.label,
    left: 48,
  });
  frame.buckets.forEach((bucket, index) => {
    const group = svg('g', { class: 'column', 'data-start': bucket.start, 'data-value': bucket.time_saved_ms });
    if (bucket.time_saved_ms > 0) {
      const money = bucket.cost_saved_usd > 0 ? ` and ${formatUsd(bucket.cost_saved_usd)}` : '';
      group.append(
        svg(
          'title',
          {},
          `${bucketLabel(bucket.start, frame.bucketHours)}: saved ${formatDuration(bucket.time_saved_ms)}${money} (${plural(bucket.hit, 'hit')})`,
        ),
        svg('rect', {
          x: x(index) + slot * 0.15,
          y: y(bucket.time_saved_ms),
          width: Math.max(1, slot * 0.7),
          height: Math.max(1, baseline - y(bucket.time_saved_ms)),
          rx: 2,
          class: 'saved',
        }),
      );
    }
    chart.append(group);
  });
  container.replaceChildren(chart, legend([{ className: 'series-saved', label: 'producing time skipped by hits' }]));
}

/**
 * The share of lookups that were hits, one point per bucket that had lookups. Points are joined
 * only across neighbouring buckets: a bucket without lookups has no rate to draw a line through.
 */
export function drawHitRateChart(container, frame, overall) {
  const points = frame.buckets.map((bucket, index) => ({ bucket, index })).filter(({ bucket }) => bucket.lookups > 0);
  if (points.length === 0) return emptyChart(container, 'No lookups recorded yet.');
  const { chart, slot, x, y } = timeFrame(container, frame, {
    className: 'hit-rate',
    height: 170,
    max: 1,
    tickLabel: (tick) => `${Math.round(tick * 100)}%`,
    left: 48,
  });
  const centre = (index) => x(index) + slot / 2;
  if (overall !== null && overall !== undefined) {
    chart.append(
      svg('line', { x1: x(0), x2: x(frame.buckets.length), y1: y(overall), y2: y(overall), class: 'overall' }),
    );
  }
  let run = [];
  const flush = () => {
    if (run.length > 1) chart.append(svg('polyline', { points: run.join(' '), class: 'rate-line' }));
    run = [];
  };
  points.forEach(({ bucket, index }, position) => {
    if (position > 0 && points[position - 1].index !== index - 1) flush();
    run.push(`${centre(index)},${y(bucket.hit / bucket.lookups)}`);
  });
  flush();
  for (const { bucket, index } of points) {
    const rate = bucket.hit / bucket.lookups;
    chart.append(
      svg(
        'circle',
        {
          cx: centre(index),
          cy: y(rate),
          r: 4,
          class: 'point',
          'data-start': bucket.start,
          'data-value': rate,
          'data-lookups': bucket.lookups,
        },
        svg(
          'title',
          {},
          `${bucketLabel(bucket.start, frame.bucketHours)}: ${formatPercent(rate)} (${bucket.hit} of ${plural(bucket.lookups, 'lookup')})`,
        ),
      ),
    );
  }
  const keys = [{ className: 'series-rate', label: 'hit rate' }];
  if (overall !== null && overall !== undefined)
    keys.push({ className: 'series-overall', label: `overall ${formatPercent(overall)}` });
  container.replaceChildren(chart, legend(keys));
}
