import { el, svg } from './dom.js';

export function widthOf(container) {
  return Math.max(260, Math.floor(container.clientWidth || 400));
}

export function emptyChart(container, text) {
  container.replaceChildren(el('p', { class: 'chart-empty' }, text));
}

/**
 * Horizontal bars, one per row: `{ label, name?, value, text }`, longest first. `label` is the raw
 * key (kept in `data-label`), `name` what a person reads when it differs.
 */
export function drawBarChart(container, rows, { emptyText, className }) {
  if (rows.length === 0) return emptyChart(container, emptyText);
  const width = widthOf(container);
  const rowHeight = 28;
  const labelWidth = Math.min(150, Math.round(width * 0.36));
  const textWidth = 96;
  const barSpace = Math.max(40, width - labelWidth - textWidth - 12);
  const max = Math.max(...rows.map((row) => row.value), 1);
  const chart = svg('svg', { width, height: rows.length * rowHeight + 4, class: `bars ${className}`, role: 'img' });
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    const barWidth = Math.max(2, Math.round((row.value / max) * barSpace));
    const name = row.name ?? row.label;
    chart.append(
      svg(
        'g',
        { class: 'bar-row', 'data-label': row.label, 'data-value': row.value },
        svg('title', {}, `${name}: ${row.text}`),
        svg('text', { x: labelWidth - 8, y: y + 15, class: 'bar-label', 'text-anchor': 'end' }, truncate(name, 22)),
        svg('rect', { x: labelWidth, y: y + 2, width: barWidth, height: rowHeight - 10, rx: 3, class: 'bar' }),
        svg('text', { x: labelWidth + barWidth + 6, y: y + 15, class: 'bar-value' }, row.text),
      ),
    );
  });
  container.replaceChildren(chart);
}

function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** A row of coloured keys under a chart: `[{ className, label }]`. */
export function legend(items) {
  return el(
    'div',
    { class: 'legend' },
    items.map((item) => el('span', {}, el('i', { class: `swatch ${item.className}` }), item.label)),
  );
}
