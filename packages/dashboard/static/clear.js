import { postJson } from './api.js';
import { byId, el, showBanner } from './dom.js';
import { formatBytes } from './format.js';

let rememberedToken = '';
let pending;

/**
 * Ask for confirmation and the token, then POST the clear. The server decides: a missing or wrong
 * token is refused there, and its refusal is shown here as it was given. `files` are the names
 * to show (a page of them at most), `total` how many go.
 */
export function confirmClear({ title, summary, files, total = files.length, body, onDone }) {
  pending = { body, onDone };
  byId('clear-title').textContent = title;
  byId('clear-summary').textContent = summary;
  const shown = files.slice(0, 8).map((file) => el('li', {}, file));
  if (total > shown.length) shown.push(el('li', { class: 'muted' }, `… and ${total - shown.length} more`));
  byId('clear-list').replaceChildren(...shown);
  byId('clear-error').hidden = true;
  const token = byId('clear-token');
  token.value = rememberedToken;
  byId('clear-dialog').showModal();
  token.focus();
}

function describe(result) {
  const entries = `${result.removed_count} entr${result.removed_count === 1 ? 'y' : 'ies'}`;
  const blobs = result.removed_blobs.length > 0 ? ` and ${result.removed_blobs.length} blob(s)` : '';
  return `Cleared ${entries}${blobs}, freed ${formatBytes(result.freed_bytes)}.`;
}

async function submit(event) {
  event.preventDefault();
  if (!pending) return;
  const token = byId('clear-token').value.trim();
  const confirm = byId('clear-confirm');
  confirm.disabled = true;
  try {
    const result = await postJson('/api/clear', pending.body, token);
    rememberedToken = token;
    byId('clear-dialog').close();
    showBanner(describe(result), 'ok');
    const { onDone } = pending;
    pending = undefined;
    await onDone(result);
  } catch (error) {
    const message = `Refused: ${error.message}`;
    const problem = byId('clear-error');
    problem.textContent = message;
    problem.hidden = false;
    showBanner(message, 'error');
  } finally {
    confirm.disabled = false;
  }
}

export function setupClearDialog() {
  byId('clear-form').addEventListener('submit', submit);
  byId('clear-cancel').addEventListener('click', () => {
    pending = undefined;
    byId('clear-dialog').close();
  });
}
