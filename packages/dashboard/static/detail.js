import { getJson } from './api.js';
import { byId, el } from './dom.js';
import { formatBytes, formatDuration, formatUsd } from './format.js';
import { clearHistory, setupVersions, showHistory } from './versions.js';

const MAX_DATA_CHARS = 200_000;

function metadataRows(entry) {
  const meta = entry.metadata ?? {};
  const parameters = meta.parameters ?? {};
  const rows = [
    ['File', entry.file],
    ['Path', entry.path],
    ['Data type', meta.data_type],
    ['Country', parameters.country],
    ['Genre', parameters.genre],
    ['Platform', parameters.platform],
    ['Saved', meta.saved_datetime],
    ['Entry size', formatBytes(entry.size_bytes)],
    ['Producer', meta.producer],
    ['Producing took', meta.produce_ms === undefined ? undefined : formatDuration(meta.produce_ms)],
    ['Cost', meta.cost_usd === undefined ? undefined : formatUsd(meta.cost_usd)],
    [
      'Usage',
      meta.usage
        ? Object.entries(meta.usage)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')
        : undefined,
    ],
    ['Inputs', meta.inputs && Object.keys(meta.inputs).length > 0 ? JSON.stringify(meta.inputs) : undefined],
    ['Fingerprint', meta.inputs_fingerprint],
    ['Format version', meta.format_version ?? (entry.metadata ? 'legacy (Python version)' : undefined)],
  ];
  return rows.filter(([, value]) => value !== undefined && value !== '');
}

function mediaFigure(blob) {
  const caption = el(
    'figcaption',
    {},
    `${blob.media_type} · ${formatBytes(blob.bytes)} · ${blob.sha256.slice(0, 12)}…`,
  );
  if (!blob.present)
    return el(
      'figure',
      { class: 'missing' },
      el('div', { class: 'missing-blob' }, 'blob missing from the cache'),
      caption,
    );
  if (blob.kind === 'image')
    return el(
      'figure',
      {},
      el('img', { src: blob.url, alt: `poster ${blob.sha256.slice(0, 12)}`, loading: 'lazy' }),
      caption,
    );
  if (blob.kind === 'video')
    return el('figure', {}, el('video', { src: blob.url, controls: true, preload: 'metadata' }), caption);
  if (blob.kind === 'audio')
    return el('figure', {}, el('audio', { src: blob.url, controls: true, preload: 'none' }), caption);
  return el('figure', {}, el('a', { href: blob.url, download: `${blob.sha256}.bin` }, 'download'), caption);
}

function showProblem(entry) {
  const problem = byId('detail-problem');
  problem.hidden = !entry.problem;
  problem.textContent = entry.problem ? `Problem: ${entry.problem}` : '';
}

function showMetadata(entry) {
  byId('detail-metadata').replaceChildren(
    ...metadataRows(entry).flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value))]),
  );
}

function showMedia(entry) {
  byId('detail-media-section').hidden = entry.blobs.length === 0;
  byId('detail-media').replaceChildren(...entry.blobs.map(mediaFigure));
}

function showData(entry) {
  const text = entry.data === undefined ? '(unreadable)' : JSON.stringify(entry.data, null, 2);
  byId('detail-data').textContent =
    text.length > MAX_DATA_CHARS
      ? `${text.slice(0, MAX_DATA_CHARS)}\n… (${text.length - MAX_DATA_CHARS} more characters)`
      : text;
}

/**
 * The parts of an entry's view, each drawn from `GET /api/entries/<file>` into its own element of
 * the dialog, in this order. The entry's versions come from their own route (versions.js).
 */
const SECTIONS = [showProblem, showMetadata, showMedia, showData];

/** Show one entry: its metadata, its posters and clips from the blob route, and its data. */
export async function openDetail(file, onClear) {
  const dialog = byId('detail-dialog');
  const entry = await getJson(`/api/entries/${encodeURIComponent(file)}`);
  // Before the title says which entry this is: the versions shown until now are another view's.
  clearHistory();
  byId('detail-title').textContent = entry.file;
  const status = byId('detail-status');
  status.textContent = entry.status;
  status.className = `badge status-${entry.status}`;
  byId('detail-pinned').hidden = !entry.pinned;
  for (const show of SECTIONS) show(entry);
  byId('detail-clear').onclick = () => onClear(entry.file);
  if (!dialog.open) dialog.showModal();
  await showHistory(entry);
}

export function closeDetail() {
  const dialog = byId('detail-dialog');
  if (dialog.open) dialog.close();
  clearHistory();
}

export function setupDetail() {
  setupVersions();
  byId('detail-close').addEventListener('click', closeDetail);
  byId('detail-dialog').addEventListener('click', (event) => {
    if (event.target === event.currentTarget) closeDetail();
  });
}
