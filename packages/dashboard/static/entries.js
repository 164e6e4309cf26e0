import { taggedResource } from './api.js';
import { byId, showBanner } from './dom.js';
import { FILTER_NAMES, renderFilterOptions, renderTable } from './table.js';

/** Typing in the file name search asks the server once the typing pauses, not on every key. */
const SEARCH_DELAY_MS = 250;

/** What the table shows, in the terms of `GET /api/entries`. */
const view = { filters: {}, search: '', sort: 'age', direction: 'asc', page: 1, pageSize: 50 };
const entries = taggedResource();
let listing;
let hooks = { onOpen: () => {}, onChange: () => {} };

function entriesPath() {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (view.filters[name]) query.set(name, view.filters[name]);
  if (view.search) query.set('search', view.search);
  query.set('sort', view.sort);
  query.set('direction', view.direction);
  query.set('page', String(view.page));
  query.set('page_size', String(view.pageSize));
  return `/api/entries?${query}`;
}

/** The page of entries shown, as the server sent it (`files`, counts, `choices`), or undefined before the first. */
export function shownEntries() {
  return listing;
}

/** The menus' filters that are set, as `/api/clear` takes them; the file name search is apart (see `searching`). */
export function activeFilter() {
  return Object.fromEntries(
    FILTER_NAMES.filter((name) => view.filters[name]).map((name) => [name, view.filters[name]]),
  );
}

export function searching() {
  return view.search !== '';
}

/**
 * Ask for the page the view describes, sending back the ETag of the one shown: when nothing
 * changed the server answers 304 and nothing is drawn. Resolves to whether the table changed.
 */
export async function loadEntries() {
  const body = await entries.get(entriesPath());
  if (!body) return false;
  listing = body;
  // A page past the end (entries were removed) comes back as the last one.
  view.page = body.page;
  render();
  hooks.onChange(listing);
  return true;
}

const count = (n) => n.toLocaleString('en');

function render() {
  renderFilterOptions(listing.choices, view.filters);
  renderTable(listing.files, view, hooks.onOpen);
  const { filtered_count: filtered, total_count: total, page, page_count: pages, page_size: size } = listing;
  byId('entries-count').textContent =
    filtered === total ? `(${count(total)})` : `(${count(filtered)} of ${count(total)})`;
  const first = (page - 1) * size + 1;
  byId('page-rows').textContent =
    filtered === 0 ? '' : `Rows ${count(first)}–${count(first + listing.files.length - 1)} of ${count(filtered)}`;
  byId('page-status').textContent = `Page ${count(page)} of ${count(pages)}`;
  byId('page-first').disabled = page <= 1;
  byId('page-previous').disabled = page <= 1;
  byId('page-next').disabled = page >= pages;
  byId('page-last').disabled = page >= pages;
}

/** Change the view and ask for its page; a refusal from the server shows as a banner. */
function change(update) {
  update(view);
  loadEntries().catch((error) => showBanner(`Cannot list the entries: ${error.message}`, 'error'));
}

function goToPage(page) {
  change((v) => {
    v.page = page;
  });
}

export function setupEntries({ onOpen, onChange }) {
  hooks = { onOpen, onChange };
  for (const name of FILTER_NAMES) {
    byId(`filter-${name}`).addEventListener('change', (event) =>
      change((v) => {
        v.filters[name] = event.target.value || undefined;
        v.page = 1;
      }),
    );
  }
  const search = byId('filter-search');
  let searchTimer;
  const applySearch = () => {
    clearTimeout(searchTimer);
    const text = search.value.trim();
    if (text === view.search) return;
    change((v) => {
      v.search = text;
      v.page = 1;
    });
  };
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applySearch, SEARCH_DELAY_MS);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') applySearch();
  });
  byId('filter-reset').addEventListener('click', () => {
    clearTimeout(searchTimer);
    search.value = '';
    change((v) => {
      v.filters = {};
      v.search = '';
      v.page = 1;
    });
  });
  for (const header of byId('entries-table').tHead.rows[0].cells) {
    header.querySelector('button').addEventListener('click', () =>
      change((v) => {
        const key = header.dataset.sort;
        v.direction = v.sort === key && v.direction === 'asc' ? 'desc' : 'asc';
        v.sort = key;
        v.page = 1;
      }),
    );
  }
  byId('page-first').addEventListener('click', () => goToPage(1));
  byId('page-previous').addEventListener('click', () => goToPage(view.page - 1));
  byId('page-next').addEventListener('click', () => goToPage(view.page + 1));
  byId('page-last').addEventListener('click', () => goToPage(listing?.page_count ?? 1));
  byId('page-size').addEventListener('change', (event) =>
    change((v) => {
      // Keep the first row shown on the new page.
      const first = (v.page - 1) * v.pageSize;
      v.pageSize = Number(event.target.value);
      v.page = Math.floor(first / v.pageSize) + 1;
    }),
  );
}
