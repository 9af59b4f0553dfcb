/**
 * The result grid's tools, on the server-rendered table: sort by a column (click its header;
 * numbers sort as numbers, NULL last), and a cell inspector (click a cell) that shows the whole
 * value, JSON pretty-printed, with buttons to copy the cell, its row or its column (TSV).
 *
 * @example
 *   enhanceGrid(document.getElementById('results') as HTMLTableElement);
 */
import { byId, copyText, el, flash } from './dom.js';

function cellValue(td: Element | undefined): string {
  return td?.classList.contains('null') ? '' : (td?.textContent ?? '');
}

function sortBy(table: HTMLTableElement, col: number, th: HTMLTableCellElement): void {
  const body = table.tBodies[0];
  if (!body) return;
  const asc = th.getAttribute('aria-sort') !== 'ascending';
  for (const h of table.tHead?.rows[0]?.cells ?? []) h.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
  const rows = [...body.rows];
  const numeric = rows.every((r) => r.cells[col]?.classList.contains('num') || r.cells[col]?.classList.contains('null'));
  const key = (r: HTMLTableRowElement) => r.cells[col];
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const xn = x?.classList.contains('null');
    const yn = y?.classList.contains('null');
    if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;
    const d = numeric ? Number(cellValue(x)) - Number(cellValue(y)) : cellValue(x).localeCompare(cellValue(y));
    return asc ? d : -d;
  });
  body.append(...rows);
}

function pretty(text: string): string {
  if (!/^[[{]/.test(text.trim())) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function inspect(table: HTMLTableElement, td: HTMLTableCellElement): void {
  const row = td.parentElement as HTMLTableRowElement;
  const col = td.cellIndex;
  const name = table.tHead?.rows[0]?.cells[col]?.textContent ?? '';
  const value = cellValue(td);
  const columnText = () => [...(table.tBodies[0]?.rows ?? [])].map((r) => cellValue(r.cells[col])).join('\n');
  const rowText = () => [...row.cells].map((c) => cellValue(c)).join('\t');
  const button = (label: string, text: () => string) => {
    const b = el('button', { type: 'button', class: 'secondary' }, [label]);
    b.onclick = () => copyText(text()).then(() => flash(`${label.replace('Copy ', '')} copied`));
    return b;
  };
  const close = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Close' }, ['×']);
  const box = byId('inspector');
  if (!box) return;
  box.replaceChildren(
    el('header', {}, [el('strong', {}, [name]), td.classList.contains('null') ? el('span', { class: 'muted' }, [' (null)']) : '', close]),
    el('pre', { class: 'inspector-value' }, [pretty(value)]),
    el('div', { class: 'inspector-actions' }, [button('Copy cell', () => value), button('Copy row', rowText), button('Copy column', columnText)]),
  );
  box.hidden = false;
  close.onclick = () => {
    box.hidden = true;
  };
}

/** Empties and hides the inspector: its cell belongs to a result that is being replaced. */
export function clearInspector(): void {
  const box = byId('inspector');
  if (!box) return;
  box.hidden = true;
  box.replaceChildren();
}

/** Adds sorting and the inspector to a result table. */
export function enhanceGrid(table: HTMLTableElement): void {
  const head = table.tHead?.rows[0];
  for (const th of head?.cells ?? []) {
    th.tabIndex = 0;
    th.title = `${th.title ? `${th.title} · ` : ''}click to sort`;
    const sort = () => sortBy(table, th.cellIndex, th);
    th.onclick = sort;
    th.onkeydown = (e) => {
      if (e.key === 'Enter') sort();
    };
  }
  table.tBodies[0]?.addEventListener('click', (e) => {
    const td = (e.target as HTMLElement).closest('td');
    if (td && !(e.target as HTMLElement).closest('a')) inspect(table, td);
  });
}
