import { byId, el } from './dom.js';
import { canonical, dataTypeName, formatAge, formatBytes, formatDateTime } from './format.js';

export const FILTER_NAMES = ['data_type', 'country', 'genre', 'platform', 'status'];
const STATUSES = ['ok', 'legacy', 'stale', 'corrupt'];

function valueOf(entry, name) {
  if (name === 'data_type') return entry.data_type;
  if (name === 'status') return entry.status;
  return entry.parameters[name];
}

/** The same test the server's filter applies, so "Clear shown" removes exactly the rows shown. */
export function matchesFilters(entry, filters) {
  return FILTER_NAMES.every((name) => {
    const wanted = filters[name];
    if (!wanted) return true;
    return name === 'data_type' || name === 'status'
      ? valueOf(entry, name) === wanted
      : canonical(valueOf(entry, name)) === canonical(wanted);
  });
}

/** Fill each filter's options from the entries, keeping the current choice even when no entry has it any more. */
export function renderFilterOptions(entries, filters) {
  for (const name of FILTER_NAMES) {
    const select = byId(`filter-${name}`);
    const values =
      name === 'status'
        ? STATUSES
        : [...new Set(entries.map((entry) => valueOf(entry, name)).filter((value) => value))].sort();
    if (filters[name] && !values.includes(filters[name])) values.push(filters[name]);
    const text = name === 'data_type' ? dataTypeName : (value) => value;
    select.replaceChildren(
      el('option', { value: '' }, 'all'),
      ...values.map((value) => el('option', { value }, text(value))),
    );
    select.value = filters[name] ?? '';
  }
}

const SORT_KEYS = {
  data_type: (entry) => entry.data_type,
  country: (entry) => entry.parameters.country,
  genre: (entry) => entry.parameters.genre,
  platform: (entry) => entry.parameters.platform,
  age: (entry) => -entry.saved_timestamp,
  size: (entry) => entry.size_bytes + entry.blob_bytes,
  producer: (entry) => entry.producer ?? '',
  status: (entry) => STATUSES.indexOf(entry.status),
};

export function sortEntries(entries, sort) {
  const key = SORT_KEYS[sort.key] ?? SORT_KEYS.age;
  const direction = sort.direction === 'desc' ? -1 : 1;
  return [...entries].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * direction || a.filename.localeCompare(b.filename);
  });
}

function cell(text, attributes = {}) {
  return el('td', attributes, text === '' || text === null || text === undefined ? '—' : text);
}

/** Draw the rows; returns how many are shown. */
export function renderTable(entries, { filters, sort }, onOpen) {
  const shown = sortEntries(
    entries.filter((entry) => matchesFilters(entry, filters)),
    sort,
  );
  const now = Date.now();
  const rows = shown.map((entry) => {
    const total = entry.size_bytes + entry.blob_bytes;
    const sizeTitle = `entry ${formatBytes(entry.size_bytes)}, ${entry.blob_count} blob(s) ${formatBytes(entry.blob_bytes)}`;
    // A corrupt file has no readable metadata: its file name is all there is to go by.
    const label = entry.status === 'corrupt' ? entry.filename : entry.data_type;
    const open = el('button', { type: 'button', class: 'link', title: entry.filename }, label);
    open.addEventListener('click', (event) => {
      event.stopPropagation();
      onOpen(entry.filename);
    });
    const row = el(
      'tr',
      { 'data-file': entry.filename, 'data-status': entry.status },
      el('td', {}, open),
      cell(entry.parameters.country),
      cell(entry.parameters.genre),
      cell(entry.parameters.platform),
      cell(formatAge(now - entry.saved_timestamp * 1000), {
        class: 'num',
        title: entry.saved_datetime || formatDateTime(entry.saved_timestamp * 1000),
      }),
      cell(formatBytes(total), { class: 'num', title: sizeTitle }),
      cell(entry.producer, { class: 'producer' }),
      el('td', {}, el('span', { class: `badge status-${entry.status}`, title: statusTitle(entry) }, entry.status)),
    );
    row.addEventListener('click', () => onOpen(entry.filename));
    return row;
  });
  byId('entries-table').tBodies[0].replaceChildren(...rows);
  byId('entries-empty').hidden = shown.length > 0;
  for (const header of byId('entries-table').tHead.rows[0].cells) {
    const active = header.dataset.sort === sort.key;
    if (active) header.setAttribute('aria-sort', sort.direction === 'desc' ? 'descending' : 'ascending');
    else header.removeAttribute('aria-sort');
  }
  return shown;
}

function statusTitle(entry) {
  if (entry.status === 'stale') return `stale: ${(entry.stale_reasons ?? []).join('; ')}`;
  if (entry.status === 'corrupt') return `corrupt: ${entry.corrupt_reason ?? 'unreadable'}`;
  if (entry.status === 'legacy') return 'legacy: written by the Python version';
  return 'ok';
}
