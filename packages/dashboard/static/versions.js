import { getJson } from './api.js';
import { byId, el } from './dom.js';
import { formatBytes, formatDuration, formatUsd } from './format.js';

/** Which entry the history section shows, so that a late answer for another entry is dropped. */
let shownFile;

function historyRow(version) {
  const mark = version.current ? 'current' : version.candidate ? 'candidate' : '';
  return el(
    'tr',
    { 'data-version': version.version, 'data-mark': mark || undefined },
    el('td', { class: 'num' }, String(version.version)),
    el('td', {}, version.saved_datetime || '—'),
    el('td', {}, version.producer ?? '—'),
    el('td', { class: 'num' }, version.produce_ms === null ? '—' : formatDuration(version.produce_ms)),
    el('td', { class: 'num' }, version.cost_usd === null ? '—' : formatUsd(version.cost_usd)),
    el('td', { class: 'num' }, formatBytes(version.bytes)),
    el('td', { class: 'changes' }, version.input_changes.length > 0 ? version.input_changes.join('; ') : '—'),
    el('td', {}, mark ? el('span', { class: `badge mark-${mark}` }, mark) : ''),
  );
}

function versionOptions(select, versions, chosen) {
  select.replaceChildren(
    ...versions.map((version) =>
      el(
        'option',
        { value: String(version.version) },
        `${version.version} · ${version.saved_datetime}${version.current ? ' (current)' : version.candidate ? ' (candidate)' : ''}`,
      ),
    ),
  );
  select.value = String(chosen);
}

function textDiff(parts) {
  return el(
    'p',
    { class: 'text-diff' },
    ...parts.map((part) => {
      if (part.op === '+') return el('ins', {}, part.text);
      if (part.op === '-') return el('del', {}, part.text);
      return part.text;
    }),
  );
}

const shortValue = (value) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};

function dataChange(change) {
  const head = el('div', { class: `path change-${change.kind}` }, `${change.kind} ${change.path}`);
  if (change.text) return el('li', {}, head, textDiff(change.text));
  if (change.kind === 'added') return el('li', {}, head, el('code', { class: 'after' }, shortValue(change.after)));
  if (change.kind === 'removed') return el('li', {}, head, el('code', { class: 'before' }, shortValue(change.before)));
  return el(
    'li',
    {},
    head,
    el('code', { class: 'before' }, shortValue(change.before)),
    ' → ',
    el('code', { class: 'after' }, shortValue(change.after)),
  );
}

function blobMedia(blob) {
  if (!blob.present) return el('div', { class: 'missing-blob' }, 'blob missing from the cache');
  if (blob.display === 'image')
    return el('img', { src: blob.url, alt: `${blob.media_type} ${blob.sha256.slice(0, 12)}` });
  if (blob.display === 'video') return el('video', { src: blob.url, controls: true, preload: 'metadata' });
  if (blob.display === 'audio') return el('audio', { src: blob.url, controls: true, preload: 'none' });
  return el('a', { href: blob.url, download: `${blob.sha256}.bin` }, 'download');
}

function blobFacts(blob) {
  const facts = [
    ['kind', blob.kind],
    ['media type', blob.media_type],
    ['bytes', formatBytes(blob.bytes)],
    ['size', blob.width === undefined ? undefined : `${blob.width}×${blob.height}`],
    ['duration', blob.duration_seconds === undefined ? undefined : `${blob.duration_seconds.toFixed(2)} s`],
    ['codecs', blob.codecs && blob.codecs.length > 0 ? blob.codecs.join(', ') : undefined],
    ['sha256', `${blob.sha256.slice(0, 12)}…`],
  ].filter(([, value]) => value !== undefined);
  return el('dl', { class: 'facts' }, ...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

function blobSide(blob, version) {
  if (!blob) return el('div', { class: 'diff-side empty' }, el('p', { class: 'muted' }, `not in version ${version}`));
  return el('div', { class: 'diff-side', 'data-sha256': blob.sha256 }, blobMedia(blob), blobFacts(blob));
}

function blobPair(pair, diff) {
  const verdict = !pair.before
    ? 'added'
    : !pair.after
      ? 'removed'
      : pair.bytes_changed
        ? 'bytes changed'
        : 'same bytes';
  const type = pair.after?.media_type ?? pair.before?.media_type ?? 'blob';
  return el(
    'div',
    { class: 'diff-pair', 'data-changed': pair.bytes_changed ? 'true' : 'false' },
    el('div', { class: 'pair-head' }, `${type}: ${verdict}`),
    blobSide(pair.before, diff.from.version),
    blobSide(pair.after, diff.to.version),
  );
}

function renderDiff(diff) {
  const parts = [
    el(
      'p',
      { class: 'diff-head' },
      `version ${diff.from.version} (saved ${diff.from.saved_datetime}) → version ${diff.to.version} (saved ${diff.to.saved_datetime})`,
    ),
  ];
  if (diff.input_changes.length > 0) {
    parts.push(el('p', { class: 'input-changes' }, `Inputs changed: ${diff.input_changes.join('; ')}`));
  }
  if (diff.identical)
    parts.push(el('p', { class: 'muted' }, 'The two versions hold the same data and the same media.'));
  if (diff.data.length > 0) parts.push(el('ul', { class: 'data-changes' }, ...diff.data.map(dataChange)));
  if (diff.blobs.length > 0)
    parts.push(el('div', { class: 'diff-blobs' }, ...diff.blobs.map((pair) => blobPair(pair, diff))));
  byId('detail-diff').replaceChildren(...parts);
}

async function showDiff(file) {
  const from = byId('diff-from').value;
  const to = byId('diff-to').value;
  const target = byId('detail-diff');
  target.dataset.state = 'loading';
  try {
    const diff = await getJson(
      `/api/entries/${encodeURIComponent(file)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    if (shownFile !== file) return;
    renderDiff(diff);
  } catch (error) {
    if (shownFile === file) target.replaceChildren(el('p', { class: 'problem' }, `Cannot compare: ${error.message}`));
  } finally {
    target.dataset.state = 'ready';
  }
}

/**
 * The entry's versions (`GET /api/entries/<file>/history`) and, when it has more than one, two of
 * them side by side (`/diff`): the one the current replaced against the current, until others are chosen.
 */
export async function showHistory(entry) {
  const file = entry.file;
  clearHistory();
  shownFile = file;
  if (!entry.metadata) return;
  const history = await getJson(`/api/entries/${encodeURIComponent(file)}/history`).catch(() => undefined);
  if (!history || shownFile !== file) return;
  byId('detail-history').tBodies[0].replaceChildren(...history.versions.map(historyRow));
  byId('detail-history-section').hidden = false;
  const compare = byId('detail-compare');
  compare.hidden = history.versions.length < 2;
  if (history.versions.length < 2) return;
  versionOptions(byId('diff-from'), history.versions, history.versions[1].version);
  versionOptions(byId('diff-to'), history.versions, 0);
  await showDiff(file);
}

/**
 * Take down the versions of the entry shown last, so that a view being closed or filled with
 * another entry never shows them (nor a diff that answers after it closed).
 */
export function clearHistory() {
  shownFile = undefined;
  byId('detail-history-section').hidden = true;
  byId('detail-diff').replaceChildren();
}

export function setupVersions() {
  for (const id of ['diff-from', 'diff-to']) {
    byId(id).addEventListener('change', () => {
      if (shownFile) void showDiff(shownFile);
    });
  }
}
