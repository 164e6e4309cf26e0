import { getJson, taggedResource } from './api.js';
import { drawBarChart } from './charts.js';
import { confirmClear, setupClearDialog } from './clear.js';
import { closeDetail, openDetail, setupDetail } from './detail.js';
import { byId, showBanner } from './dom.js';
import { activeFilter, loadEntries, searching, setupEntries, shownEntries } from './entries.js';
import { refreshAges } from './table.js';
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
import { activityBuckets, hourlyRows, rangeText } from './time-axis.js';
import { drawActivityChart, drawHitRateChart, drawTimeSavedChart } from './time-charts.js';

const POLL_MS = 2000;
/** The shared tier is asked whenever the local cache changes, and at least this often (another machine may have published). */
const SHARED_POLL_MS = 15_000;

const versionResource = taggedResource();
const statsResource = taggedResource();
const state = {
  stats: undefined,
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
  const pinned = stats.pinned_entries > 0 ? [`${stats.pinned_entries} pinned`] : [];
  byId('total-entries-sub').textContent =
    [...statuses.map(([status, count]) => `${count} ${status}`), ...pinned].join(' · ') || 'empty cache';
  setTotal('total-size', formatBytes(stats.total_size_bytes), stats.total_size_bytes);
  byId('total-size-sub').textContent =
    `entries ${formatBytes(stats.entry_size_bytes)} · ${stats.blob_count} blob(s) ${formatBytes(stats.blob_size_bytes)}` +
    ` · history ${plural(stats.history_versions, 'version')} ${formatBytes(stats.history_size_bytes)}` +
    (stats.foreign_files > 0
      ? ` · ${plural(stats.foreign_files, 'other file')} ${formatBytes(stats.foreign_size_bytes)} (not entries)`
      : '');
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

async function loadStats() {
  const stats = await statsResource.get('/api/stats');
  if (!stats) return;
  state.stats = stats;
  renderTotals(stats);
  renderCharts(stats);
}

/**
 * Ask for whatever may have changed, each answered 304 when it did not. The entries go first:
 * the table is what people wait for, and the stats are the slower answer over a large cache.
 */
async function refresh() {
  const [entriesChanged] = await Promise.all([loadEntries(), loadStats()]);
  if (entriesChanged && state.openFile) void hideDetailIfGone(state.openFile);
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

/** The entry shown may be on no page of the table: ask for it by name. */
async function hideDetailIfGone(file) {
  try {
    await getJson(`/api/entries/${encodeURIComponent(file)}`);
  } catch (error) {
    if (error.status === 404 && state.openFile === file) hideDetail();
  }
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

function renderClearShown(listing) {
  const button = byId('clear-shown');
  if (searching()) {
    // The server clears by the cache's filters; a file name search is not one of them.
    button.textContent = 'Clear shown…';
    button.disabled = true;
    button.title =
      'A file name search cannot be cleared at once: use the menus to filter, or clear entries one by one.';
    return;
  }
  const filtered = Object.keys(activeFilter()).length > 0;
  button.title = '';
  button.textContent = filtered ? `Clear ${listing.filtered_count.toLocaleString('en')} shown…` : 'Clear all…';
  button.disabled = listing.filtered_count === 0;
}

function clearShown() {
  const listing = shownEntries();
  if (!listing || searching()) return;
  const filter = activeFilter();
  const all = Object.keys(filter).length === 0;
  confirmClear({
    title: all ? 'Clear every entry' : 'Clear the entries shown',
    summary: all
      ? `This removes all ${listing.total_count} entries of the cache and their blobs.`
      : `This removes the ${listing.filtered_count} entries matching ${Object.entries(filter)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}, and the blobs no other entry uses.`,
    files: listing.files.map((entry) => entry.filename),
    total: listing.filtered_count,
    body: all ? { all: true } : { filter },
    onDone: refresh,
  });
}

async function poll() {
  try {
    if (await versionResource.get('/api/version')) {
      await refresh();
      void refreshShared();
    } else {
      if (state.stats) renderTotals(state.stats);
      refreshAges();
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
  setupEntries({ onOpen: showDetail, onChange: renderClearShown });
  byId('clear-shown').addEventListener('click', clearShown);
  byId('detail-dialog').addEventListener('close', () => {
    state.openFile = undefined;
  });
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => state.stats && renderCharts(state.stats), 150);
  });
  setupDetail();
  setupClearDialog();
  // The first poll follows the first load and says so if the server could not be reached; it
  // finds the version new to it, so it asks for the shared tier, and its refresh costs two 304s.
  refresh()
    .catch(() => {})
    .finally(() => void poll());
}

setup();
