import { getJson, loadSnapshot } from './api.js';
import { drawBarChart } from './charts.js';
import { confirmClear, setupClearDialog } from './clear.js';
import { closeDetail, openDetail, setupDetail } from './detail.js';
import { byId, showBanner } from './dom.js';
import {
  dataTypeName,
  formatAgo,
  formatBytes,
  formatDateTime,
  formatDuration,
  formatPercent,
  formatUsd,
} from './format.js';
import { renderShared } from './shared.js';
import { FILTER_NAMES, renderFilterOptions, renderTable } from './table.js';
import { activityBuckets, hourlyRows, rangeText } from './time-axis.js';
import { drawActivityChart, drawHitRateChart, drawTimeSavedChart } from './time-charts.js';

const POLL_MS = 2000;
/** The shared tier is asked whenever the local cache changes, and at least this often (another machine may have published). */
const SHARED_POLL_MS = 15_000;

const state = {
  snapshot: undefined,
  version: undefined,
  filters: {},
  sort: { key: 'age', direction: 'asc' },
  shown: [],
  openFile: undefined,
  sharedCheckedAt: 0,
};

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** A total's raw value stays in `data-value`, so what is shown can be checked against `cache stats --json`. */
function setTotal(id, text, raw) {
  const element = byId(id);
  element.textContent = text;
  element.dataset.value = raw === null || raw === undefined ? '' : String(raw);
}

function renderTotals(stats) {
  setTotal('total-entries', String(stats.total_files), stats.total_files);
  const statuses = Object.entries(stats.statuses).filter(([, count]) => count > 0);
  byId('total-entries-sub').textContent =
    statuses.map(([status, count]) => `${count} ${status}`).join(' · ') || 'empty cache';
  setTotal('total-size', formatBytes(stats.total_size_bytes), stats.total_size_bytes);
  byId('total-size-sub').textContent =
    `entries ${formatBytes(stats.entry_size_bytes)} · ${stats.blob_count} blob(s) ${formatBytes(stats.blob_size_bytes)}`;
  setTotal('total-hit-rate', formatPercent(stats.hit_rate), stats.hit_rate);
  const unusable = stats.stale_reads + stats.corrupt_reads;
  const fromShared = stats.hits_by_tier?.redis ?? 0;
  const hits = fromShared > 0 ? `${plural(stats.hits, 'hit')} (${fromShared} from Redis)` : plural(stats.hits, 'hit');
  byId('total-hit-rate-sub').textContent =
    `${hits} · ${plural(stats.misses, 'miss', 'misses')} · ${unusable} stale/corrupt`;
  setTotal('total-time-saved', formatDuration(stats.time_saved_ms), stats.time_saved_ms);
  setTotal('total-money-saved', formatUsd(stats.cost_saved_usd), stats.cost_saved_usd);
  const last = stats.last_activity_timestamp;
  setTotal('total-last-activity', last === null ? 'never' : formatAgo(last * 1000), last);
  byId('total-last-activity-sub').textContent =
    last === null ? 'no hits, misses or writes recorded' : formatDateTime(last * 1000);
  byId('cache-dir').textContent = stats.cache_directory;
}

function renderCharts(stats) {
  const types = Object.entries(stats.data_types);
  drawBarChart(
    byId('chart-size'),
    types
      .map(([type, t]) => ({
        label: type,
        name: dataTypeName(type),
        value: t.size_bytes,
        text: formatBytes(t.size_bytes),
      }))
      .sort((a, b) => b.value - a.value),
    { emptyText: 'No entries yet.', className: 'size' },
  );
  drawBarChart(
    byId('chart-count'),
    types
      .map(([type, t]) => ({
        label: type,
        name: dataTypeName(type),
        value: t.count,
        text: plural(t.count, 'entry', 'entries'),
      }))
      .sort((a, b) => b.value - a.value),
    { emptyText: 'No entries yet.', className: 'count' },
  );
  const frame = activityBuckets(hourlyRows(stats.hourly));
  const range = rangeText(frame);
  const hasLookups = frame.buckets.some((bucket) => bucket.lookups > 0);
  byId('chart-activity-range').textContent = hasLookups ? range : '';
  byId('chart-time-saved-range').textContent = frame.buckets.some((bucket) => bucket.time_saved_ms > 0) ? range : '';
  byId('chart-hit-rate-range').textContent = hasLookups ? range : '';
  drawActivityChart(byId('chart-activity'), frame);
  drawTimeSavedChart(byId('chart-time-saved'), frame);
  drawHitRateChart(byId('chart-hit-rate'), frame, stats.hit_rate);
}

function renderEntries() {
  const entries = state.snapshot.entries;
  renderFilterOptions(entries, state.filters);
  state.shown = renderTable(entries, state, showDetail);
  byId('entries-count').textContent =
    state.shown.length === entries.length ? `(${entries.length})` : `(${state.shown.length} of ${entries.length})`;
  const clearShown = byId('clear-shown');
  const filtered = FILTER_NAMES.some((name) => state.filters[name]);
  clearShown.textContent = filtered ? `Clear ${state.shown.length} shown…` : 'Clear all…';
  clearShown.disabled = state.shown.length === 0;
}

function render() {
  const { stats } = state.snapshot;
  renderTotals(stats);
  renderCharts(stats);
  renderEntries();
}

async function refresh() {
  state.snapshot = await loadSnapshot();
  render();
  if (state.openFile && !state.snapshot.entries.some((entry) => entry.filename === state.openFile)) hideDetail();
  void refreshShared();
}

/** Apart from the rest, so that a slow or unreachable Redis never holds up the page. */
async function refreshShared() {
  state.sharedCheckedAt = Date.now();
  try {
    renderShared(await getJson('/api/shared'));
  } catch {
    // The poll already says when the dashboard server cannot be reached; the card keeps its last state.
  }
}

async function showDetail(file) {
  state.openFile = file;
  try {
    await openDetail(file, clearOne);
  } catch (error) {
    showBanner(`Cannot show ${file}: ${error.message}`, 'error');
  }
}

function hideDetail() {
  state.openFile = undefined;
  closeDetail();
}

function clearOne(file) {
  confirmClear({
    title: 'Clear this entry',
    summary: 'This removes the entry file, and the blobs no other entry uses.',
    files: [file],
    body: { file },
    onDone: async () => {
      hideDetail();
      await refresh();
    },
  });
}

function clearShown() {
  const filter = Object.fromEntries(
    FILTER_NAMES.filter((name) => state.filters[name]).map((name) => [name, state.filters[name]]),
  );
  const all = Object.keys(filter).length === 0;
  confirmClear({
    title: all ? 'Clear every entry' : 'Clear the entries shown',
    summary: all
      ? `This removes all ${state.shown.length} entries of the cache and their blobs.`
      : `This removes the ${state.shown.length} entries matching ${Object.entries(filter)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}, and the blobs no other entry uses.`,
    files: state.shown.map((entry) => entry.filename),
    body: all ? { all: true } : { filter },
    onDone: refresh,
  });
}

async function poll() {
  try {
    const { version } = await getJson('/api/version');
    if (version !== state.version) {
      state.version = version;
      await refresh();
    } else if (state.snapshot) {
      renderTotals(state.snapshot.stats);
      if (Date.now() - state.sharedCheckedAt >= SHARED_POLL_MS) void refreshShared();
    }
    byId('refresh-state').textContent = `live · checked ${formatDateTime(Date.now()).slice(11)}`;
    byId('refresh-state').dataset.state = 'live';
  } catch (error) {
    byId('refresh-state').textContent = `cannot reach the dashboard server (${error.message})`;
    byId('refresh-state').dataset.state = 'down';
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function setup() {
  for (const name of FILTER_NAMES) {
    byId(`filter-${name}`).addEventListener('change', (event) => {
      state.filters[name] = event.target.value || undefined;
      renderEntries();
    });
  }
  byId('filter-reset').addEventListener('click', () => {
    state.filters = {};
    renderEntries();
  });
  for (const header of byId('entries-table').tHead.rows[0].cells) {
    header.querySelector('button').addEventListener('click', () => {
      const key = header.dataset.sort;
      state.sort = { key, direction: state.sort.key === key && state.sort.direction === 'asc' ? 'desc' : 'asc' };
      renderEntries();
    });
  }
  byId('clear-shown').addEventListener('click', clearShown);
  byId('detail-dialog').addEventListener('close', () => {
    state.openFile = undefined;
  });
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => state.snapshot && renderCharts(state.snapshot.stats), 150);
  });
  setupDetail();
  setupClearDialog();
  void poll();
}

setup();
