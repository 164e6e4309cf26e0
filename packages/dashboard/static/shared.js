import { byId, el } from './dom.js';

const STATE_TEXT = { off: 'not configured', reachable: 'reachable', unreachable: 'unreachable' };

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

function figure(value, text) {
  return el('span', { class: 'figure' }, el('strong', {}, String(value)), ` ${text}`);
}

function where(status) {
  const parts = [el('code', {}, status.url)];
  if (status.key_prefix) parts.push(el('span', { class: 'muted' }, ` · prefix ${status.key_prefix}`));
  return parts;
}

/**
 * The shared tier as `/api/shared` (`cache.sharedStatus()`) reports it: not configured, reachable
 * with its entries and the hits it served here, or unreachable with the reason. The raw figures
 * stay in data attributes so a test can compare them with the cache's.
 */
export function renderShared(status) {
  const card = byId('shared-tier');
  const state = !status.configured ? 'off' : status.reachable ? 'reachable' : 'unreachable';
  card.dataset.state = state;
  card.dataset.entries = status.entries === undefined ? '' : String(status.entries);
  card.dataset.hits = String(status.hits_from_shared);
  const badge = byId('shared-state');
  badge.textContent = STATE_TEXT[state];
  badge.className = `badge shared-${state}`;
  const hits = figure(status.hits_from_shared, `${status.hits_from_shared === 1 ? 'hit' : 'hits'} served from it`);
  const rejected =
    status.rejected_values > 0
      ? [figure(status.rejected_values, `bad ${status.rejected_values === 1 ? 'value' : 'values'} refused`)]
      : [];
  if (state === 'off') {
    byId('shared-where').replaceChildren('Only this cache directory is used.');
    const earlier =
      status.hits_from_shared > 0
        ? [el('span', { class: 'figure' }, `${plural(status.hits_from_shared, 'earlier hit')} came from a shared tier`)]
        : [];
    byId('shared-figures').replaceChildren(
      el(
        'span',
        { class: 'hint-text' },
        'Start with ',
        el('code', {}, '--redis-url'),
        ' or set ',
        el('code', {}, 'STREAMGANK_REDIS_URL'),
        ' to share entries with the team.',
      ),
      ...earlier,
    );
    return;
  }
  byId('shared-where').replaceChildren(...where(status));
  if (state === 'reachable') {
    byId('shared-figures').replaceChildren(
      figure(status.entries ?? 0, status.entries === 1 ? 'entry' : 'entries'),
      hits,
      ...rejected,
    );
  } else {
    byId('shared-figures').replaceChildren(
      el('span', { class: 'shared-error', title: status.error ?? '' }, status.error ?? 'no answer'),
      hits,
      ...rejected,
    );
  }
}
