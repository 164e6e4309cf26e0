import { byId, el } from './dom.js';
import { dataTypeName, formatAge, formatBytes, formatDateTime } from './format.js';

/** The filter menus, named as the server's `/api/entries` parameters. */
export const FILTER_NAMES = ['data_type', 'country', 'genre', 'platform', 'status'];
const STATUSES = ['ok', 'legacy', 'stale', 'edited', 'corrupt'];

/**
 * Fill each filter's menu from the values the server found in the cache (`choices`), keeping the
 * current choice even when no entry has it any more.
 */
export function renderFilterOptions(choices, filters) {
  for (const name of FILTER_NAMES) {
    const select = byId(`filter-${name}`);
    const values = [...(name === 'status' ? STATUSES : (choices[name] ?? []))];
    if (filters[name] && !values.includes(filters[name])) values.push(filters[name]);
    const text = name === 'data_type' ? dataTypeName : (value) => value;
    select.replaceChildren(
      el('option', { value: '' }, 'all'),
      ...values.map((value) => el('option', { value }, text(value))),
    );
    select.value = filters[name] ?? '';
  }
}

function cell(text, attributes = {}) {
  return el('td', attributes, text === '' || text === null || text === undefined ? '—' : text);
}

function row(entry, now, onOpen) {
  const total = entry.size_bytes + entry.blob_bytes;
  const sizeTitle = `entry ${formatBytes(entry.size_bytes)}, ${entry.blob_count} blob(s) ${formatBytes(entry.blob_bytes)}`;
  // A corrupt file has no readable metadata: its file name is all there is to go by.
  const label = entry.status === 'corrupt' ? entry.filename : entry.data_type;
  const open = el('button', { type: 'button', class: 'link', title: entry.filename }, label);
  open.addEventListener('click', (event) => {
    event.stopPropagation();
    onOpen(entry.filename);
  });
  const tr = el(
    'tr',
    { 'data-file': entry.filename, 'data-status': entry.status, 'data-pinned': entry.pinned ? 'true' : undefined },
    el('td', {}, open),
    cell(entry.parameters.country),
    cell(entry.parameters.genre),
    cell(entry.parameters.platform),
    cell(formatAge(now - entry.saved_timestamp * 1000), {
      class: 'num age',
      'data-saved-ms': entry.saved_timestamp * 1000,
      title: entry.saved_datetime || formatDateTime(entry.saved_timestamp * 1000),
    }),
    cell(formatBytes(total), { class: 'num', title: sizeTitle }),
    cell(entry.producer, { class: 'producer' }),
    el(
      'td',
      {},
      el('span', { class: `badge status-${entry.status}`, title: statusTitle(entry) }, entry.status),
      entry.pinned ? el('span', { class: 'badge pinned', title: 'pinned: a golden fixture' }, 'pinned') : undefined,
    ),
  );
  tr.addEventListener('click', () => onOpen(entry.filename));
  return tr;
}

/** Draw the rows of one page, as the server filtered, sorted and cut it. */
export function renderTable(files, { sort, direction }, onOpen) {
  const now = Date.now();
  byId('entries-table').tBodies[0].replaceChildren(...files.map((entry) => row(entry, now, onOpen)));
  byId('entries-empty').hidden = files.length > 0;
  for (const header of byId('entries-table').tHead.rows[0].cells) {
    if (header.dataset.sort === sort) {
      header.setAttribute('aria-sort', direction === 'desc' ? 'descending' : 'ascending');
    } else {
      header.removeAttribute('aria-sort');
    }
  }
}

/** The rows stay while the entries do; their ages still grow, and are rewritten in place. */
export function refreshAges(now = Date.now()) {
  for (const age of byId('entries-table').tBodies[0].querySelectorAll('td.age')) {
    const text = formatAge(now - Number(age.dataset.savedMs));
    if (age.textContent !== text) age.textContent = text;
  }
}

function statusTitle(entry) {
  if (entry.status === 'stale') return `stale: ${(entry.stale_reasons ?? []).join('; ')}`;
  if (entry.status === 'corrupt') return `corrupt: ${entry.corrupt_reason ?? 'unreadable'}`;
  if (entry.status === 'legacy') return 'legacy: written by the Python version';
  return 'ok';
}
